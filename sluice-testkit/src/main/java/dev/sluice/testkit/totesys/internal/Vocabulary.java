package dev.sluice.testkit.totesys.internal;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Word lists for realistic Totesys text. They deliberately contain the awkward characters the seed data has:
 * apostrophes (People's, O'Keefe), commas (Korea, Republic of) and brackets.
 */
public final class Vocabulary {

    public static final List<String> FIRST_NAMES = List.of(
            "Jeremie",
            "Deron",
            "Jeanette",
            "Ana",
            "Magdalena",
            "Korey",
            "Raphael",
            "Oswaldo",
            "Brody",
            "Jazmyn",
            "Meda",
            "Imani",
            "Stan",
            "Rick",
            "Lucy",
            "Melba",
            "Myra",
            "Siobhán",
            "Zoë",
            "Seán");
    public static final List<String> LAST_NAMES = List.of(
            "Franey",
            "Beier",
            "Erdman",
            "Glover",
            "Cummerata",
            "Kreiger",
            "Rippin",
            "Bashirian",
            "Ratke",
            "Kuhic",
            "O'Keefe",
            "D'Amore",
            "O'Conner",
            "Predovic",
            "Morar",
            "Leannon",
            "Runolfsdottir",
            "Wiza",
            "Kovacek",
            "Hane",
            "Sanford",
            "Toy");
    public static final List<String> STREETS = List.of(
            "Herzog Via",
            "Alexie Cliffs",
            "Sincere Fort",
            "Turner Heights",
            "Kris Shoal",
            "Axel Freeway",
            "Noemy Pines",
            "Mraz Fields",
            "Kozey Rapids",
            "Quitzon Burg");
    public static final List<String> DISTRICTS =
            List.of("Avon", "Bedfordshire", "Buckinghamshire", "Cambridgeshire", "Cheshire", "Cornwall");
    public static final List<String> CITIES = List.of(
            "New Patienceburgh",
            "Aliso Viejo",
            "Lake Charles",
            "Olsonside",
            "Fort Shadburgh",
            "Kendraburgh",
            "Utica",
            "Pricetown",
            "Sayreville",
            "South Wyatt",
            "Coeur d'Alene",
            "Hartford, East");
    public static final List<String> COUNTRIES = List.of(
            "Turkey",
            "San Marino",
            "Samoa",
            "Austria",
            "Democratic People's Republic of Korea",
            "Korea, Republic of",
            "Côte d'Ivoire",
            "Falkland Islands (Malvinas)",
            "Lao People's Democratic Republic",
            "Republic of Korea",
            "Antigua and Barbuda",
            "Bosnia and Herzegovina");
    public static final List<String> MATERIALS = List.of(
            "Wooden",
            "Bronze",
            "Granite",
            "Steel",
            "Cotton",
            "Frozen",
            "Fresh",
            "Soft",
            "Concrete",
            "Rubber",
            "Plastic",
            "Metal",
            "Rustic",
            "Handcrafted",
            "Practical");
    public static final List<String> FILE_LOCATIONS = List.of(
            "/usr", "/private", "/private/var", "/System", "/Users", "/lost+found", "/home/user/dir", "/usr/share");
    public static final List<String> DEPARTMENT_NAMES =
            List.of("Sales", "Purchasing", "Production", "Dispatch", "Finance", "Facilities", "Communications", "HR");
    /** The seed has the typo "Leds" for one department's location; kept on purpose. */
    public static final List<String> DEPARTMENT_LOCATIONS =
            List.of("Manchester", "Manchester", "Leeds", "Leds", "Manchester", "Manchester", "Leeds", "Leeds");

    public static final List<String> MANAGERS = List.of(
            "Richard Roma",
            "Naomi Lapaglia",
            "Chester Ming",
            "Mark Hanna",
            "Jordan Belfort",
            "Shelley Levene",
            "Ann Blake",
            "James Link");
    public static final List<String> DEPARTMENT_RENAMES = List.of(
            "Sales & Marketing",
            "Procurement",
            "Manufacturing",
            "Logistics, Dispatch",
            "Finance & Accounts",
            "Estates",
            "Comms",
            "People");
    public static final List<String> CURRENCY_CODES = List.of("GBP", "USD", "EUR");
    public static final List<String> PAYMENT_TYPES =
            List.of("SALES_RECEIPT", "SALES_REFUND", "PURCHASE_PAYMENT", "PURCHASE_REFUND");

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

    private Vocabulary() {}

    public static String pick(SplittableRandom random, List<String> words) {
        return words.get(random.nextInt(words.size()));
    }

    public static String code(SplittableRandom random, int length, String alphabet) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Item codes like {@code ZDOI5EA}; about one in ten starts with a zero, which must survive as text. */
    public static String itemCode(SplittableRandom random) {
        String code = code(random, 7, ALNUM);
        return random.nextInt(10) == 0 ? "0" + code.substring(1) : code;
    }

    public static String fileSuffix(SplittableRandom random) {
        return code(random, 4, LOWER_ALNUM);
    }

    /** Postal codes such as {@code 08841} or {@code 99305-7380}: leading zeros are common. */
    public static String postalCode(SplittableRandom random) {
        String five = String.format("%05d", random.nextInt(100_000));
        return random.nextInt(3) == 0 ? five + "-" + String.format("%04d", random.nextInt(10_000)) : five;
    }

    public static String phone(SplittableRandom random) {
        return String.format("%04d %06d", random.nextInt(10_000), random.nextInt(1_000_000));
    }

    /** Eight-digit account numbers; a tenth of them start with 0. */
    public static String accountNumber(SplittableRandom random) {
        return String.format("%08d", random.nextInt(100_000_000));
    }

    public static String companyName(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> pick(random, LAST_NAMES) + " and Sons";
            case 1 -> pick(random, LAST_NAMES) + ", " + pick(random, LAST_NAMES) + " and " + pick(random, LAST_NAMES);
            case 2 -> pick(random, LAST_NAMES) + " Inc";
            case 3 -> pick(random, LAST_NAMES) + " - " + pick(random, LAST_NAMES);
            default -> pick(random, LAST_NAMES) + "'s Totes, LLC";
        };
    }

    public static String email(String first, String last) {
        return (first + "." + last).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z.]", "") + "@terrifictotes.com";
    }
}
