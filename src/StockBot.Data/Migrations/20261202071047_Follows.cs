using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class Follows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_personal",
                table: "subscriptions",
                type: "BOOLEAN",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "notice_pending",
                table: "subscriptions",
                type: "BOOLEAN",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_platform_created_by",
                table: "subscriptions",
                columns: new[] { "platform", "created_by", "is_personal" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_subscriptions_platform_created_by",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "is_personal",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "notice_pending",
                table: "subscriptions");
        }
    }
}
