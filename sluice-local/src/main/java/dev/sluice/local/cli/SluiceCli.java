package dev.sluice.local.cli;

import dev.sluice.core.csv.CsvException;
import dev.sluice.core.csv.UnknownColumnException;
import dev.sluice.local.command.CliException;
import dev.sluice.local.command.ExitCode;
import dev.sluice.local.command.ExitCodes;
import dev.sluice.local.command.StdStreams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code sluice} command line. Each subcommand is one line in {@code subcommands} below; a subcommand class may
 * take a {@link StdStreams} constructor argument to read stdin and write stdout (tests inject their own).
 *
 * <p>Every failure ends as one line on stderr, {@code sluice <command>: <message>}, and an {@link ExitCode}.
 */
@ExitCodes({ExitCode.OK, ExitCode.INVALID_INPUT, ExitCode.USAGE, ExitCode.IO, ExitCode.INTERNAL, ExitCode.BROKEN_PIPE})
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = SluiceCli.Version.class,
        usageHelpAutoWidth = true,
        synopsisHeading = "Usage: ",
        description = "Sluice: event-driven CSV pipelines for AWS that run on one laptop.",
        commandListHeading = "%nCommands:%n",
        optionListHeading = "%nOptions:%n",
        subcommands = {
            CommandLine.HelpCommand.class,
            FilterCommand.class,
            UpCommand.class,
            DemoCommand.class,
            dev.sluice.local.totesys.TotesysCommand.class,
        })
public final class SluiceCli implements Callable<Integer> {

    private static final String FILTER = "filter";

    @Spec
    private CommandSpec spec;

    static {
        // Start-up: without this, picocli looks for groovy.lang.Closure, a miss that opens every jar on the class path.
        System.setProperty("picocli.disable.closures", "true");
    }

    /**
     * Exits through System.exit only on failure: since JDK 21 System.exit looks up a System.Logger, whose service
     * lookup opens every jar on the class path (~0.1 s CPU here). Commands must not leave non-daemon threads running.
     */
    public static void main(String[] args) {
        // A failure on another thread must not reach the user as a stack trace either (our own threads hand their
        // errors to the command's thread; this is for anything else).
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            System.err.println("sluice: internal error on thread " + thread.getName() + ": " + oneLine(e));
            Runtime.getRuntime().halt(ExitCode.INTERNAL.code());
        });
        int code = run(StdStreams.system(), args);
        if (code != ExitCode.OK.code()) {
            System.exit(code);
        }
    }

    /** Runs one command line to completion and returns the exit code (never calls System.exit). */
    public static int run(StdStreams std, String... args) {
        String name = args.length > 0 && args[0].equals(FILTER) ? "sluice " + FILTER : "sluice";
        try {
            if (args.length > 0 && args[0].equals(FILTER)) {
                return filterCommandLine(std).execute(Arrays.copyOfRange(args, 1, args.length));
            }
            return commandLine(std).execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands only Exceptions to the handler below; an Error would reach the user as a stack trace.
            std.err()
                    .println(name + ": out of memory (" + e.getMessage() + "); for filter, lower --max-record-size"
                            + " or give the JVM more heap: SLUICE_JAVA_OPTS=-Xmx1g");
            return ExitCode.INTERNAL.code();
        } catch (Error e) {
            std.err().println(name + ": internal error: " + oneLine(e));
            return ExitCode.INTERNAL.code();
        }
    }

    private static String oneLine(Throwable e) {
        return String.valueOf(e).replaceAll("[\\r\\n]+", " ");
    }

    static CommandLine commandLine(StdStreams std) {
        return configure(new CommandLine(new SluiceCli(), new StdStreamsFactory(std)), std);
    }

    /**
     * {@code sluice filter} alone, named as it is in the full tree (same help, errors and exit codes). Start-up: picocli
     * builds every subcommand of the tree by reflection, which loads the local stack's and the ETL's classes from ~230
     * jars; filtering needs only the CLI, sluice-core and picocli (the launcher gives it just those jars, and an AOT
     * cache of them).
     */
    static CommandLine filterCommandLine(StdStreams std) {
        return configure(new CommandLine(new FilterCommand(std)).setCommandName("sluice " + FILTER), std);
    }

    private static CommandLine configure(CommandLine cli, StdStreams std) {
        cli.setOut(new PrintWriter(new OutputStreamWriter(std.out(), StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(std.err(), true));
        cli.setParameterExceptionHandler(SluiceCli::onUsageError);
        cli.setExecutionExceptionHandler((e, command, parseResult) -> onFailure(e, command));
        documentExitCodes(cli);
        return cli;
    }

    /** {@code sluice} alone: show what there is and fail, so a script that forgot the command does not pass. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }

    private static int onUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        printError(
                command, e.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE.code();
    }

    private static int onFailure(Exception e, CommandLine command) {
        ExitCode code = exitCodeOf(e);
        String message = switch (code) {
            case IO -> e instanceof CliException ? e.getMessage() : "I/O error: " + e.getMessage();
            case INTERNAL -> "internal error: " + e;
            default -> e.getMessage();
        };
        printError(command, message);
        return code.code();
    }

    static ExitCode exitCodeOf(Throwable e) {
        return switch (e) {
            case CliException cli -> cli.exitCode();
            case UnknownColumnException configuration -> ExitCode.USAGE;
            case CsvException invalid -> ExitCode.INVALID_INPUT;
            case IOException io -> ExitCode.IO;
            case UncheckedIOException io -> ExitCode.IO;
            default -> ExitCode.INTERNAL;
        };
    }

    /** One line, whatever the message holds (a header quoted in an error may contain line breaks). */
    private static void printError(CommandLine command, String message) {
        String oneLine = String.valueOf(message).replaceAll("[\\r\\n]+", " ");
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + oneLine);
    }

    /** Ends each command's help with the exit codes that command can give ({@link ExitCodes}). */
    private static void documentExitCodes(CommandLine cli) {
        ExitCodes declared = cli.getCommand().getClass().getAnnotation(ExitCodes.class);
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : declared == null ? ExitCodes.OPERATIONAL : declared.value()) {
            codes.put(String.format("%3d", code.code()), code.meaning());
        }
        cli.getCommandSpec()
                .usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(codes);
        cli.getSubcommands().values().forEach(SluiceCli::documentExitCodes);
    }

    /** Builds commands that want the standard streams with them; anything else with picocli's default factory. */
    private record StdStreamsFactory(StdStreams std) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(StdStreams.class).newInstance(std);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = SluiceCli.class.getResourceAsStream("/sluice-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "sluice " + properties.getProperty("version", "(unknown version)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                        + System.getProperty("java.home") + ")"
            };
        }
    }
}
