using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClusterLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cluster_instances",
                columns: table => new
                {
                    name = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTime>(type: "DATETIME", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "DATETIME", nullable: false),
                    version = table.Column<string>(type: "VARCHAR(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cluster_instances", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "cluster_leaders",
                columns: table => new
                {
                    role = table.Column<string>(type: "VARCHAR(50)", maxLength: 50, nullable: false),
                    instance = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: false),
                    expires_at = table.Column<DateTime>(type: "DATETIME", nullable: false),
                    acquired_at = table.Column<DateTime>(type: "DATETIME", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cluster_leaders", x => x.role);
                });

            migrationBuilder.CreateTable(
                name: "website_leases",
                columns: table => new
                {
                    website_id = table.Column<int>(type: "INTEGER", nullable: false),
                    instance = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true),
                    leased_until = table.Column<DateTime>(type: "DATETIME", nullable: true),
                    last_read_at = table.Column<DateTime>(type: "DATETIME", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_website_leases", x => x.website_id);
                    table.ForeignKey(
                        name: "FK_website_leases_websites_website_id",
                        column: x => x.website_id,
                        principalTable: "websites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cluster_instances");

            migrationBuilder.DropTable(
                name: "cluster_leaders");

            migrationBuilder.DropTable(
                name: "website_leases");
        }
    }
}
