package dev.sluice.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.etl.warehouse.WarehouseSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboards over a small warehouse: gaps are zero months, JSON and CSV carry the same numbers. */
class DashboardEndpointTest {

    private static EmbeddedPostgres postgres;
    private static DashboardEndpoint endpoint;

    @BeforeAll
    static void warehouse() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "off")
                .start();
        WarehouseSchema.migrate(postgres.getPostgresDatabase());
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO dim_currency VALUES (1, 'GBP', 'British Pound'), (2, 'EUR', 'Euro')");
            s.execute(
                    "INSERT INTO dim_design VALUES (1, 'Wooden, \"classic\"', '/d', 'a.json'), (2, 'Steel', '/d', 'b')");
            // Order 1 has two versions (the later one counts), order 2 is in March: February is a gap.
            s.execute(sale(1, "2024-01-10", "2024-01-10", 5, "2.00", 1, 1));
            s.execute(sale(1, "2024-01-10", "2024-01-11", 7, "2.00", 1, 1));
            s.execute(sale(2, "2024-03-02", "2024-03-02", 3, "10.00", 2, 2));
        }
        endpoint = new DashboardEndpoint(postgres.getPostgresDatabase());
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void salesByMonthHasEveryMonthAndCurrencyWithZerosForTheGaps() throws Exception {
        assertThat(endpoint.handle(request("sales-by-month", "")).bodyText())
                .isEqualTo("{\"name\":\"sales-by-month\",\"title\":\"Sales revenue and units by month and currency\","
                        + "\"columns\":[\"month\",\"currency\",\"units\",\"revenue\"],\"rows\":["
                        + "[\"2024-01\",\"EUR\",0,0],[\"2024-01\",\"GBP\",7,14.00],"
                        + "[\"2024-02\",\"EUR\",0,0],[\"2024-02\",\"GBP\",0,0],"
                        + "[\"2024-03\",\"EUR\",3,30.00],[\"2024-03\",\"GBP\",0,0]]}");
    }

    @Test
    void theCsvDownloadCarriesTheSameNumbersQuotedPerRfc4180() throws Exception {
        Response csv = endpoint.handle(request("top-designs", "format=csv&limit=5"));
        assertThat(csv.contentType()).isEqualTo("text/csv; charset=utf-8");
        assertThat(csv.headers()).containsEntry("Content-Disposition", "attachment; filename=\"top-designs.csv\"");
        assertThat(csv.bodyText())
                .isEqualTo(
                        "design,orders,units,revenue\r\n\"Wooden, \"\"classic\"\"\",1,7,14.00\r\nSteel,1,3,30.00\r\n");
        assertThat(endpoint.handle(request("top-designs", "limit=1")).bodyText())
                .doesNotContain("Steel");
    }

    @Test
    void badParametersAreBadRequestsAndAnUnknownDashboardIsNotFound() {
        assertThatThrownBy(() -> endpoint.handle(request("sales-by-month", "format=xml")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("format must be json or csv, got 'xml'");
        assertThatThrownBy(() -> endpoint.handle(request("top-staff", "limit=1000")))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("limit must be an integer from 1 to 100, got '1000'");
        assertThatThrownBy(() -> endpoint.handle(request("sales-by-month", "limit=3")))
                .as("a time series takes no limit")
                .isInstanceOf(BadRequestException.class)
                .hasMessage("unknown parameter 'limit'; expected one of [format]");
        assertThatThrownBy(() -> endpoint.handle(request("nope", "")))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no dashboard 'nope'; see /api/dashboards");
    }

    private static String sale(
            int id, String created, String updated, int units, String price, int currency, int design) {
        return "INSERT INTO fact_sales_order (sales_order_id, created_date, created_time, last_updated_date,"
                + " last_updated_time, sales_staff_id, counterparty_id, units_sold, unit_price, currency_id, design_id,"
                + " agreed_payment_date, agreed_delivery_date, agreed_delivery_location_id) VALUES (" + id + ", '"
                + created + "', '10:00', '" + updated + "', '10:00', 1, 1, " + units + ", " + price + ", " + currency
                + ", " + design + ", '" + created + "', '" + created + "', 1)";
    }

    private static Request request(String name, String query) {
        return Request.of("GET", URI.create(DashboardEndpoint.PREFIX + name + (query.isEmpty() ? "" : "?" + query)));
    }
}
