package dev.sluice.etl.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a stage's SnapStart priming step in a class loader of its own and measures it, so a test sees which classes
 * priming loads as on a cold JVM, whatever other tests ran before in this one. The stage's code and its libraries
 * (Jackson, Parquet, the PostgreSQL driver, ...) are loaded again; the JDK, logging, the AWS SDK, snappy's native
 * library and the test tools come from the parent, as they would already be loaded by a Lambda's init phase.
 *
 * @param classesLoaded every class the JVM loaded during the step (JDK classes included, unless loaded before)
 * @param stageClasses  the stage's code and libraries, loaded by the fresh class loader
 */
public record PrimingRun(String stage, long classesLoaded, long stageClasses, Duration time, List<String> loaded) {

    private static final List<String> FROM_PARENT = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "org.slf4j.",
            "org.apache.logging.",
            "ch.qos.logback.",
            "org.xerial.snappy.",
            "software.amazon.",
            "com.amazonaws.",
            "org.crac.",
            "org.junit.",
            "org.assertj.",
            "org.jacoco.");

    /** Runs {@code priming}'s {@code prime(Path)} (or {@code prime()}) with {@code tmp}, and prints the numbers. */
    public static PrimingRun measure(String stage, Class<?> priming, Path tmp) throws Exception {
        // DriverManager loads this JVM's drivers once; do it now, so the fresh driver copy never stands in for them.
        DriverManager.drivers().close();
        Fresh fresh = new Fresh(PrimingRun.class.getClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        var mx = ManagementFactory.getClassLoadingMXBean();
        long before = mx.getTotalLoadedClassCount();
        long start = System.nanoTime();
        thread.setContextClassLoader(fresh);
        try {
            Method prime = Arrays.stream(
                            Class.forName(priming.getName(), true, fresh).getDeclaredMethods())
                    .filter(m -> m.getName().equals("prime"))
                    .max(Comparator.comparingInt(Method::getParameterCount))
                    .orElseThrow();
            prime.setAccessible(true);
            prime.invoke(null, prime.getParameterCount() == 0 ? new Object[0] : new Object[] {tmp});
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(context);
        }
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        PrimingRun run = new PrimingRun(
                stage, mx.getTotalLoadedClassCount() - before, fresh.defined.size(), time, List.copyOf(fresh.defined));
        fresh.deregisterDriver();
        System.out.printf(
                "SnapStart priming, %s: %d classes loaded (%d of them the stage's code and libraries) in %d ms%n",
                stage, run.classesLoaded(), run.stageClasses(), run.time().toMillis());
        return run;
    }

    /** Child-first for everything not in {@link #FROM_PARENT}: the class bytes are the parent's, defined again. */
    private static final class Fresh extends ClassLoader {
        final List<String> defined = new java.util.concurrent.CopyOnWriteArrayList<>();

        Fresh(ClassLoader parent) {
            super("priming", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (FROM_PARENT.stream().anyMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            return super.loadClass(name, resolve);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                        defined.add(name);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        /** The fresh PostgreSQL driver registered itself with DriverManager: take it out again. */
        void deregisterDriver() throws Exception {
            Class<?> driver = findLoadedClass("org.postgresql.Driver");
            if (driver != null && (boolean) driver.getMethod("isRegistered").invoke(null)) {
                driver.getMethod("deregister").invoke(null);
            }
        }
    }
}
