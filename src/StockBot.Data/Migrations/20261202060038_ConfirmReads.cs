using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConfirmReads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "restock_confirm_reads",
                table: "monitor_configs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "restock_pending_history_id",
                table: "monitor_configs",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "restock_confirm_reads",
                table: "monitor_configs");

            migrationBuilder.DropColumn(
                name: "restock_pending_history_id",
                table: "monitor_configs");
        }
    }
}
