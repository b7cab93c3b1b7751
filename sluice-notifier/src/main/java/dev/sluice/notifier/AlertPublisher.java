package dev.sluice.notifier;

/** Sends one alert (SNS in Lambda; a recording fake in tests). Throws if the alert was not accepted. */
@FunctionalInterface
public interface AlertPublisher {

    void publish(AlertMessage message);
}
