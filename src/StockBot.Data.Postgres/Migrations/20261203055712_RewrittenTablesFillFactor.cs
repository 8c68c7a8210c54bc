using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StockBot.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RewrittenTablesFillFactor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "website_leases")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AlterTable(
                name: "monitor_configs")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "website_leases")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AlterTable(
                name: "monitor_configs")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);
        }
    }
}
