package dev.sluice.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.etl.transform.internal.PgCsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each transform rule on the seed's own fixtures ({@code seed-samples/blackwater}), with the seed tests' expected
 * values where they were right and corrected where they were wrong (apostrophes kept, NaN is NULL, joins by key).
 */
class StarRulesTest {

    /** Copies of the seed's {@code blackwater} CSVs, kept in the repository so any clone can run these tests. */
    static final String FIXTURES = "/seed/blackwater/";

    private final StarRules rules = new StarRules(Currencies.iso4217());

    static List<SourceRow> fixture(String table) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (InputStream in = Objects.requireNonNull(
                        StarRulesTest.class.getResourceAsStream(FIXTURES + table + ".csv"), table + ".csv fixture");
                PgCsvReader reader = new PgCsvReader(in)) {
            LookupSnapshot.forEachRow(table, reader, rows::add);
        }
        return rows;
    }

    static Map<Integer, SourceRow> byId(List<SourceRow> rows, String key) {
        return rows.stream()
                .collect(Collectors.toMap(r -> r.integer(key), Function.identity(), (a, b) -> b, LinkedHashMap::new));
    }

    private static List<Object> column(List<Object[]> rows, int index, int limit) {
        return rows.stream().limit(limit).map(r -> r[index]).toList();
    }

    @Test
    void dimStaffTakesDepartmentNameAndLocationFromTheDepartmentWithTheStaffRowsId() throws IOException {
        Map<Integer, SourceRow> departments = byId(fixture("department"), "department_id");
        List<Object[]> staff = fixture("staff").stream()
                .map(s -> StarRules.dimStaff(s, departments.get(s.integer("department_id"))))
                .toList();

        assertThat(staff).hasSize(20);
        assertThat(staff.getFirst())
                .containsExactly(
                        1, "Jeremie", "Franey", "Purchasing", "Manchester", "jeremie.franey@terrifictotes.com");
        assertThat(column(staff, 3, 10))
                .containsExactly(
                        "Purchasing",
                        "Facilities",
                        "Facilities",
                        "Production",
                        "HR",
                        "Production",
                        "Purchasing",
                        "Communications",
                        "Purchasing",
                        "Purchasing");
        assertThat(column(staff, 4, 10))
                .containsExactly(
                        "Manchester",
                        "Manchester",
                        "Manchester",
                        "Leeds",
                        "Leeds",
                        "Leeds",
                        "Manchester",
                        "Leeds",
                        "Manchester",
                        "Manchester");
    }

    @Test
    void dimStaffJoinsByKeyNotByPosition() {
        // The seed looked departments up as dept[id - 1]: with ids 7 and 3 in this order it would crash or misjoin.
        SourceRow seventh = department(7, "Dispatch", "Leeds");
        SourceRow third = department(3, "Production", "Leds");
        Map<Integer, SourceRow> departments = byId(List.of(seventh, third), "department_id");
        SourceRow staff = staff(42, 3);

        assertThat(StarRules.dimStaff(staff, departments.get(3)))
                .containsExactly(42, "Ann", "O'Neil", "Production", "Leds", "ann@example.com");
        assertThatThrownBy(() -> StarRules.dimStaff(staff, seventh))
                .isInstanceOf(TransformException.class)
                .hasMessage("staff.department_id = 3 joined to department department_id = 7");
        assertThatThrownBy(() -> StarRules.dimStaff(staff, null))
                .isInstanceOf(TransformException.class)
                .hasMessageContaining("references a missing row by department_id");
    }

    @Test
    void dimCounterpartyCopiesTheLegalAddressKeepingNullsAndApostrophes() throws IOException {
        Map<Integer, SourceRow> addresses = byId(fixture("address"), "address_id");
        List<Object[]> counterparties = fixture("counterparty").stream()
                .map(c -> StarRules.dimCounterparty(c, addresses.get(c.integer("legal_address_id"))))
                .toList();

        assertThat(counterparties).hasSize(20);
        assertThat(counterparties.get(1)[1]).isEqualTo("Leannon, Predovic and Morar");
        // The seed test expected NaN for the missing lines: they are NULL.
        assertThat(column(counterparties, 3, 10))
                .containsExactly(
                        "Axel Freeway",
                        null,
                        null,
                        "Noemy Pines",
                        null,
                        null,
                        "Cielo Radial",
                        "Cielo Radial",
                        null,
                        "Tremaine Circles");
        assertThat(counterparties.get(9)[7]).isEqualTo("Democratic People's Republic of Korea");
        assertThat(counterparties.getFirst())
                .containsExactly(
                        1,
                        "Fahey and Sons",
                        addresses.get(15).text("address_line_1"),
                        addresses.get(15).optionalText("address_line_2"),
                        addresses.get(15).optionalText("district"),
                        addresses.get(15).text("city"),
                        addresses.get(15).text("postal_code"),
                        "Heard Island and McDonald Islands",
                        addresses.get(15).text("phone"));
    }

    @Test
    void dimLocationRenamesAddressIdAndKeepsApostrophesWhereTheSeedStrippedThem() throws IOException {
        List<Object[]> locations =
                fixture("address").stream().map(StarRules::dimLocation).toList();

        assertThat(locations).hasSize(30);
        assertThat(locations.get(1))
                .containsExactly(
                        2, "179 Alexie Cliffs", null, null, "Aliso Viejo", "99305-7380", "San Marino", "9621 880720");
        assertThat(locations.get(29)[6]).isEqualTo("Falkland Islands (Malvinas)");
        assertThat(locations).extracting(r -> r[6]).contains("Democratic People's Republic of Korea");
    }

    @Test
    void dimCurrencyNamesComeFromTheIso4217List() throws IOException {
        List<Object[]> currencies =
                fixture("currency").stream().map(rules::dimCurrency).toList();

        assertThat(currencies)
                .containsExactly(
                        new Object[] {1, "GBP", "British Pound"},
                        new Object[] {2, "USD", "US Dollar"},
                        new Object[] {3, "EUR", "Euro"});
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "JPY,Japanese Yen",
        "CHF,Swiss Franc",
        "INR,Indian Rupee",
        "ZAR,South African Rand",
        "ZZZ,unknown",
        "XYZ,unknown"
    })
    void anyIsoCodeIsNamedAndAnUnknownCodeIsKeptWithAnExplicitUnknownName(String code, String name) {
        SourceRow currency = new SourceRow("currency", Map.of("currency_id", "9", "currency_code", code));

        assertThat(rules.dimCurrency(currency)).containsExactly(9, code, name);
    }

    @Test
    void theShippedIso4217ListIsComplete() {
        assertThat(Currencies.iso4217().size()).isGreaterThanOrEqualTo(180);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2020-01-01, 2020, 1, 1, 3, Wednesday, January, 1",
        "2022-11-06, 2022, 11, 6, 7, Sunday, November, 4",
        "2022-11-07, 2022, 11, 7, 1, Monday, November, 4",
        "2024-02-29, 2024, 2, 29, 4, Thursday, February, 1",
        "2023-06-30, 2023, 6, 30, 5, Friday, June, 2",
        "2023-07-01, 2023, 7, 1, 6, Saturday, July, 3"
    })
    void dimDateHasIsoWeekdayNamesAndQuarter(
            LocalDate date,
            int year,
            int month,
            int day,
            int dayOfWeek,
            String dayName,
            String monthName,
            int quarter) {
        assertThat(StarRules.dimDate(date))
                .containsExactly(date, year, month, day, dayOfWeek, dayName, monthName, quarter);
    }

    @Test
    void factSalesOrderSplitsTimestampsIntoTypedDateAndTime() throws IOException {
        List<Object[]> facts =
                fixture("sales_order").stream().map(StarRules::factSalesOrder).toList();

        assertThat(facts).hasSize(50);
        assertThat(facts.getFirst())
                .containsExactly(
                        2,
                        LocalDate.of(2022, 11, 3),
                        LocalTime.parse("14:20:52.186"),
                        LocalDate.of(2022, 11, 3),
                        LocalTime.parse("14:20:52.186"),
                        19,
                        8,
                        42972,
                        new BigDecimal("3.94"),
                        2,
                        3,
                        LocalDate.of(2022, 11, 8),
                        LocalDate.of(2022, 11, 7),
                        8);
        assertThat(column(facts, 2, 3))
                .containsExactly(
                        LocalTime.parse("14:20:52.186"),
                        LocalTime.parse("14:20:52.188"),
                        LocalTime.parse("14:20:52.188"));
    }

    @Test
    void factPurchaseOrderKeepsItemCodesAndExactPrices() throws IOException {
        List<Object[]> facts = fixture("purchase_order").stream()
                .map(StarRules::factPurchaseOrder)
                .toList();

        assertThat(facts).hasSize(3547);
        assertThat(facts.getFirst())
                .containsExactly(
                        1,
                        LocalDate.of(2022, 11, 3),
                        LocalTime.parse("14:20:52.187"),
                        LocalDate.of(2022, 11, 3),
                        LocalTime.parse("14:20:52.187"),
                        12,
                        11,
                        "ZDOI5EA",
                        371,
                        new BigDecimal("361.39"),
                        2,
                        LocalDate.of(2022, 11, 9),
                        LocalDate.of(2022, 11, 7),
                        6);
    }

    @Test
    void factPaymentTypesEveryColumn() {
        SourceRow payment = new SourceRow(
                "payment",
                ordered(
                        "payment_id",
                        "5",
                        "created_at",
                        "2022-11-03T14:20:52.186",
                        "last_updated",
                        "2023-01-02T00:00:00",
                        "transaction_id",
                        "7",
                        "counterparty_id",
                        "3",
                        "payment_amount",
                        "123456789.05",
                        "currency_id",
                        "2",
                        "payment_type_id",
                        "1",
                        "paid",
                        "false",
                        "payment_date",
                        "2022-11-30",
                        "company_ac_number",
                        "00123456",
                        "counterparty_ac_number",
                        "01234567"));

        assertThat(StarRules.factPayment(payment))
                .containsExactly(
                        5,
                        LocalDate.of(2022, 11, 3),
                        LocalTime.parse("14:20:52.186"),
                        LocalDate.of(2023, 1, 2),
                        LocalTime.MIDNIGHT,
                        7,
                        3,
                        new BigDecimal("123456789.05"),
                        2,
                        1,
                        false,
                        LocalDate.of(2022, 11, 30));
    }

    @Test
    void aValueOfTheWrongTypeNamesTableColumnAndValue() {
        SourceRow order = new SourceRow("sales_order", Map.of("unit_price", "3,94"));

        assertThatThrownBy(() -> order.decimal("unit_price"))
                .isInstanceOf(TransformException.class)
                .hasMessage("sales_order.unit_price cannot be read: '3,94'");
        assertThatThrownBy(() -> order.integer("units_sold"))
                .isInstanceOf(TransformException.class)
                .hasMessageStartingWith("sales_order has no column units_sold");
    }

    @Test
    void factDatesReferencedAreCreatedUpdatedAndAgreedDates() throws IOException {
        Object[] fact = StarRules.factSalesOrder(fixture("sales_order").getFirst());

        assertThat(StarRules.referencedDates(dev.sluice.etl.warehouse.WarehouseTable.FACT_SALES_ORDER, fact))
                .containsExactly(
                        LocalDate.of(2022, 11, 3),
                        LocalDate.of(2022, 11, 3),
                        LocalDate.of(2022, 11, 8),
                        LocalDate.of(2022, 11, 7));
    }

    private static SourceRow department(int id, String name, String location) {
        return new SourceRow(
                "department",
                ordered(
                        "department_id",
                        String.valueOf(id),
                        "department_name",
                        name,
                        "location",
                        location,
                        "manager",
                        null));
    }

    private static SourceRow staff(int id, int departmentId) {
        return new SourceRow(
                "staff",
                ordered(
                        "staff_id",
                        String.valueOf(id),
                        "first_name",
                        "Ann",
                        "last_name",
                        "O'Neil",
                        "department_id",
                        String.valueOf(departmentId),
                        "email_address",
                        "ann@example.com"));
    }

    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
