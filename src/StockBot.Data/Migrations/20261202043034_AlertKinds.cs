using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "template",
                table: "subscriptions",
                type: "VARCHAR(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_price",
                table: "monitor_configs",
                type: "VARCHAR(100)",
                maxLength: 100,
                nullable: true);

            // `purchase` used to cover sell-outs too; `soldout` is its own kind now, so whoever had `purchase` keeps both
            // (in the stored order: restock,soldout,purchase,threshold,error,new).
            migrationBuilder.Sql(
                "UPDATE subscriptions SET event_kinds = REPLACE(event_kinds, 'purchase', 'soldout,purchase') "
                + "WHERE ',' || event_kinds || ',' LIKE '%,purchase,%' AND ',' || event_kinds || ',' NOT LIKE '%,soldout,%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE subscriptions SET event_kinds = REPLACE(event_kinds, 'soldout,purchase', 'purchase');");
            migrationBuilder.Sql("UPDATE subscriptions SET event_kinds = REPLACE(event_kinds, 'soldout', 'purchase');");

            migrationBuilder.DropColumn(
                name: "template",
                table: "subscriptions");

            migrationBuilder.DropColumn(
                name: "last_price",
                table: "monitor_configs");
        }
    }
}
