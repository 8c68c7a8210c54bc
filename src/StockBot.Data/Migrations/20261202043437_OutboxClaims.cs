using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class OutboxClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "claimed_at",
                table: "alert_deliveries",
                type: "DATETIME",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "claimed_by",
                table: "alert_deliveries",
                type: "VARCHAR(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_claimed_by",
                table: "alert_deliveries",
                column: "claimed_by");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_alert_deliveries_claimed_by",
                table: "alert_deliveries");

            migrationBuilder.DropColumn(
                name: "claimed_at",
                table: "alert_deliveries");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "alert_deliveries");
        }
    }
}
