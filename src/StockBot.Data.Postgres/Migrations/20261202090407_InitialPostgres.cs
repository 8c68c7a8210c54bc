using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StockBot.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InitialPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: false),
                    token_hash = table.Column<string>(type: "VARCHAR(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_tokens", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bot_state",
                columns: table => new
                {
                    key = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bot_state", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "cluster_instances",
                columns: table => new
                {
                    name = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
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
                    expires_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    acquired_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cluster_leaders", x => x.role);
                });

            migrationBuilder.CreateTable(
                name: "websites",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "VARCHAR(255)", maxLength: 255, nullable: false),
                    website_url = table.Column<string>(type: "VARCHAR(500)", maxLength: 500, nullable: false),
                    mode = table.Column<string>(type: "VARCHAR(20)", maxLength: 20, nullable: false, defaultValue: "api"),
                    api_identifier = table.Column<string>(type: "VARCHAR(255)", maxLength: 255, nullable: false),
                    api_secret = table.Column<string>(type: "VARCHAR(500)", maxLength: 500, nullable: false),
                    api_access_key = table.Column<string>(type: "VARCHAR(500)", maxLength: 500, nullable: true),
                    region = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    catalogue_read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    paused_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_websites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "monitor_configs",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    website_id = table.Column<int>(type: "integer", nullable: false),
                    product_id = table.Column<int>(type: "integer", nullable: false),
                    product_name = table.Column<string>(type: "VARCHAR(255)", maxLength: 255, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "VARCHAR(50)", maxLength: 50, nullable: false),
                    threshold_low = table.Column<int>(type: "integer", nullable: true),
                    threshold_high = table.Column<int>(type: "integer", nullable: true),
                    notify_on_restock = table.Column<bool>(type: "boolean", nullable: false),
                    notify_on_purchase = table.Column<bool>(type: "boolean", nullable: false),
                    notify_on_threshold = table.Column<bool>(type: "boolean", nullable: false),
                    purchase_link = table.Column<string>(type: "VARCHAR(500)", maxLength: 500, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_checked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    consecutive_failures = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    cooldown_seconds = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    restock_pending_history_id = table.Column<long>(type: "bigint", nullable: true),
                    restock_confirm_reads = table.Column<int>(type: "integer", nullable: false, defaultValue: 0),
                    is_public = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    last_error = table.Column<string>(type: "VARCHAR(500)", maxLength: 500, nullable: true),
                    last_price = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitor_configs", x => x.id);
                    table.ForeignKey(
                        name: "FK_monitor_configs_websites_website_id",
                        column: x => x.website_id,
                        principalTable: "websites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "website_leases",
                columns: table => new
                {
                    website_id = table.Column<int>(type: "integer", nullable: false),
                    instance = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true),
                    leased_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    last_read_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "website_products",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    website_id = table.Column<int>(type: "integer", nullable: false),
                    product_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "VARCHAR(255)", maxLength: 255, nullable: true),
                    group_name = table.Column<string>(type: "VARCHAR(255)", maxLength: 255, nullable: true),
                    available = table.Column<bool>(type: "boolean", nullable: true),
                    quantity = table.Column<int>(type: "integer", nullable: true),
                    price = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true),
                    billing_cycle = table.Column<string>(type: "VARCHAR(50)", maxLength: 50, nullable: true),
                    first_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "stock_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    monitor_config_id = table.Column<int>(type: "integer", nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                    delta = table.Column<int>(type: "integer", nullable: false),
                    stock_control_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    available = table.Column<bool>(type: "boolean", nullable: false),
                    change_type = table.Column<string>(type: "VARCHAR(50)", maxLength: 50, nullable: true),
                    threshold_breached = table.Column<bool>(type: "boolean", nullable: false),
                    threshold_type = table.Column<string>(type: "VARCHAR(20)", maxLength: 20, nullable: true),
                    metadata_json = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_stock_records", x => x.id);
                    table.ForeignKey(
                        name: "FK_stock_records_monitor_configs_monitor_config_id",
                        column: x => x.monitor_config_id,
                        principalTable: "monitor_configs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    platform = table.Column<string>(type: "VARCHAR(20)", maxLength: 20, nullable: false),
                    channel_id = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: false),
                    website_id = table.Column<int>(type: "integer", nullable: true),
                    monitor_config_id = table.Column<int>(type: "integer", nullable: true),
                    event_kinds = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: false),
                    mention = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    thread_id = table.Column<string>(type: "VARCHAR(32)", maxLength: 32, nullable: true),
                    webhook_url_encrypted = table.Column<string>(type: "VARCHAR(1000)", maxLength: 1000, nullable: true),
                    last_error = table.Column<string>(type: "VARCHAR(500)", maxLength: 500, nullable: true),
                    last_error_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    template = table.Column<string>(type: "VARCHAR(1000)", maxLength: 1000, nullable: true),
                    digest_after = table.Column<int>(type: "integer", nullable: false, defaultValue: 5),
                    quiet_hours = table.Column<string>(type: "VARCHAR(11)", maxLength: 11, nullable: true),
                    time_zone = table.Column<string>(type: "VARCHAR(64)", maxLength: 64, nullable: true),
                    is_personal = table.Column<bool>(type: "boolean", nullable: false),
                    notice_pending = table.Column<bool>(type: "boolean", nullable: false),
                    created_by = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "FK_subscriptions_monitor_configs_monitor_config_id",
                        column: x => x.monitor_config_id,
                        principalTable: "monitor_configs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_subscriptions_websites_website_id",
                        column: x => x.website_id,
                        principalTable: "websites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monitor_histories",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    monitor_config_id = table.Column<int>(type: "integer", nullable: true),
                    website_product_id = table.Column<int>(type: "integer", nullable: true),
                    event_type = table.Column<string>(type: "VARCHAR(50)", maxLength: 50, nullable: false),
                    from_quantity = table.Column<int>(type: "integer", nullable: true),
                    to_quantity = table.Column<int>(type: "integer", nullable: false),
                    delta = table.Column<int>(type: "integer", nullable: false),
                    change_type = table.Column<string>(type: "VARCHAR(50)", maxLength: 50, nullable: true),
                    threshold_breached = table.Column<bool>(type: "boolean", nullable: false),
                    threshold_type = table.Column<string>(type: "VARCHAR(20)", maxLength: 20, nullable: true),
                    threshold_value = table.Column<int>(type: "integer", nullable: true),
                    message = table.Column<string>(type: "VARCHAR(500)", maxLength: 500, nullable: true),
                    metadata_json = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitor_histories", x => x.id);
                    table.ForeignKey(
                        name: "FK_monitor_histories_monitor_configs_monitor_config_id",
                        column: x => x.monitor_config_id,
                        principalTable: "monitor_configs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_monitor_histories_website_products_website_product_id",
                        column: x => x.website_product_id,
                        principalTable: "website_products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "alert_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    monitor_history_id = table.Column<long>(type: "bigint", nullable: false),
                    subscription_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "VARCHAR(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    last_error = table.Column<string>(type: "VARCHAR(500)", maxLength: 500, nullable: true),
                    external_message_id = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    claimed_by = table.Column<string>(type: "VARCHAR(100)", maxLength: 100, nullable: true),
                    claimed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "FK_alert_deliveries_monitor_histories_monitor_history_id",
                        column: x => x.monitor_history_id,
                        principalTable: "monitor_histories",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_alert_deliveries_subscriptions_subscription_id",
                        column: x => x.subscription_id,
                        principalTable: "subscriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_claimed_by",
                table: "alert_deliveries",
                column: "claimed_by");

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_monitor_history_id",
                table: "alert_deliveries",
                column: "monitor_history_id");

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_status_next_attempt",
                table: "alert_deliveries",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_alert_deliveries_subscription_id",
                table: "alert_deliveries",
                column: "subscription_id");

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_name",
                table: "api_tokens",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_token_hash",
                table: "api_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_monitor_configs_is_active",
                table: "monitor_configs",
                column: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_monitor_configs_product_id",
                table: "monitor_configs",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_monitor_configs_website_id",
                table: "monitor_configs",
                column: "website_id");

            migrationBuilder.CreateIndex(
                name: "uq_monitor_configs_website_product",
                table: "monitor_configs",
                columns: new[] { "website_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "idx_monitor_histories_config_created",
                table: "monitor_histories",
                columns: new[] { "monitor_config_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "idx_monitor_histories_event_type",
                table: "monitor_histories",
                columns: new[] { "event_type", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_monitor_histories_created_at",
                table: "monitor_histories",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_monitor_histories_website_product_id",
                table: "monitor_histories",
                column: "website_product_id");

            migrationBuilder.CreateIndex(
                name: "idx_stock_records_monitor_created",
                table: "stock_records",
                columns: new[] { "monitor_config_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_records_created_at",
                table: "stock_records",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_monitor_config_id",
                table: "subscriptions",
                column: "monitor_config_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_platform_channel",
                table: "subscriptions",
                columns: new[] { "platform", "channel_id" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_platform_created_by",
                table: "subscriptions",
                columns: new[] { "platform", "created_by", "is_personal" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriptions_website_id",
                table: "subscriptions",
                column: "website_id");

            migrationBuilder.CreateIndex(
                name: "uq_website_products_website_product",
                table: "website_products",
                columns: new[] { "website_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_websites_is_active",
                table: "websites",
                column: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_websites_name",
                table: "websites",
                column: "name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_deliveries");

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "bot_state");

            migrationBuilder.DropTable(
                name: "cluster_instances");

            migrationBuilder.DropTable(
                name: "cluster_leaders");

            migrationBuilder.DropTable(
                name: "stock_records");

            migrationBuilder.DropTable(
                name: "website_leases");

            migrationBuilder.DropTable(
                name: "monitor_histories");

            migrationBuilder.DropTable(
                name: "subscriptions");

            migrationBuilder.DropTable(
                name: "website_products");

            migrationBuilder.DropTable(
                name: "monitor_configs");

            migrationBuilder.DropTable(
                name: "websites");
        }
    }
}
