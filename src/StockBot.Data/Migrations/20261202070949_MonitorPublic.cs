using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class MonitorPublic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_public",
                table: "monitor_configs",
                type: "BOOLEAN",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "is_public",
                table: "monitor_configs");
        }
    }
}
