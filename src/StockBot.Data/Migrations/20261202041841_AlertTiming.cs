using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertTiming : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "paused_until",
                table: "websites",
                type: "DATETIME",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "digest_after",
                table: "subscriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<string>(
                name: "quiet_hours",
                table: "subscriptions",
                type: "VARCHAR(11)",
                maxLength: 11,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "subscriptions",
                type: "VARCHAR(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "cooldown_seconds",
                table: "monitor_configs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "paused_until",
                table: "websites");

            migrationBuilder.DropColumn(
                name: "digest_after",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "quiet_hours",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "cooldown_seconds",
                table: "monitor_configs");
        }
    }
}
