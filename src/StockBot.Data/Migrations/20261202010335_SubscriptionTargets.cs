using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubscriptionTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "subscriptions",
                type: "VARCHAR(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_error_at",
                table: "subscriptions",
                type: "DATETIME",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "thread_id",
                table: "subscriptions",
                type: "VARCHAR(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "webhook_url_encrypted",
                table: "subscriptions",
                type: "VARCHAR(1000)",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "last_error",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "last_error_at",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "thread_id",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "webhook_url_encrypted",
                table: "subscriptions");
        }
    }
}
