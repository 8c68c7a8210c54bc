using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class StorefrontMode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "catalogue_read_at",
                table: "websites",
                type: "DATETIME",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "mode",
                table: "websites",
                type: "VARCHAR(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "api");

            migrationBuilder.AlterColumn<int>(
                name: "monitor_config_id",
                table: "monitor_histories",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "website_product_id",
                table: "monitor_histories",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "website_products",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    website_id = table.Column<int>(type: "INTEGER", nullable: false),
                    product_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "VARCHAR(255)", maxLength: 255, nullable: true),
                    group_name = table.Column<string>(type: "VARCHAR(255)", maxLength: 255, nullable: true),
                    available = table.Column<bool>(type: "BOOLEAN", nullable: true),
                    quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    price = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true),
                    billing_cycle = table.Column<string>(type: "VARCHAR(50)", maxLength: 50, nullable: true),
                    first_seen_at = table.Column<DateTime>(type: "DATETIME", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "DATETIME", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_website_products", x => x.id);
                    table.ForeignKey(
                        name: "FK_website_products_websites_website_id",
                        column: x => x.website_id,
                        principalTable: "websites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_monitor_histories_website_product_id",
                table: "monitor_histories",
                column: "website_product_id");

            migrationBuilder.CreateIndex(
                name: "uq_website_products_website_product",
                table: "website_products",
                columns: new[] { "website_id", "product_id" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_monitor_histories_website_products_website_product_id",
                table: "monitor_histories",
                column: "website_product_id",
                principalTable: "website_products",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_monitor_histories_website_products_website_product_id",
                table: "monitor_histories");

            migrationBuilder.DropTable(
                name: "website_products");

            migrationBuilder.DropIndex(
                name: "ix_monitor_histories_website_product_id",
                table: "monitor_histories");

            migrationBuilder.DropColumn(
                name: "catalogue_read_at",
                table: "websites");

            migrationBuilder.DropColumn(
                name: "mode",
                table: "websites");

            migrationBuilder.DropColumn(
                name: "website_product_id",
                table: "monitor_histories");

            migrationBuilder.AlterColumn<int>(
                name: "monitor_config_id",
                table: "monitor_histories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
