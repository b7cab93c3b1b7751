package dev.sluice.local.console;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * {@code GET /api/dashboards}: the list; {@code GET /api/dashboards/NAME?limit=N&format=json|csv}: one dashboard's
 * rows, as {@code {"name", "title", "columns", "rows"}} (numbers as JSON numbers) or as a CSV download with the
 * same numbers. {@code limit} (1..100, default 10) applies to the top lists only.
 */
public final class DashboardEndpoint implements Endpoint {

    public static final String PREFIX = "/api/dashboards/";
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final DataSource warehouse;

    public DashboardEndpoint(DataSource warehouse) {
        this.warehouse = warehouse;
    }

    /** {@code GET /api/dashboards}: name and title of each. */
    public static Endpoint index() {
        return request -> {
            request.allow(Set.of());
            return Response.json(Map.of(
                    "dashboards",
                    Arrays.stream(Dashboards.values())
                            .map(d -> Map.of("name", d.slug(), "title", d.title()))
                            .toList()));
        };
    }

    @Override
    public Response handle(Request request) throws SQLException {
        String name = request.path().substring(PREFIX.length());
        Dashboards dashboard = Dashboards.bySlug(name)
                .orElseThrow(() -> new NotFoundException("no dashboard '" + name + "'; see /api/dashboards"));
        request.allow(dashboard.limited() ? Set.of("limit", "format") : Set.of("format"));
        String format = request.param("format").orElse("json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new BadRequestException("format must be json or csv, got '" + format + "'");
        }
        int limit = request.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<String> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = warehouse.getConnection();
                PreparedStatement statement = c.prepareStatement(dashboard.sql())) {
            if (dashboard.limited()) {
                statement.setInt(1, limit);
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i));
                }
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        Object value = rs.getObject(i);
                        row.add(value instanceof Number n ? new BigDecimal(n.toString()) : rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        if (format.equals("csv")) {
            return Response.csv(dashboard.slug() + ".csv", Csv.of(columns, rows));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", dashboard.slug());
        body.put("title", dashboard.title());
        body.put("columns", columns);
        body.put("rows", rows);
        return Response.json(body);
    }
}
