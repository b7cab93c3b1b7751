package dev.sluice.notifier;

import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes to the alert topic; e-mail subscribers get the subject and the plain-text body. */
public final class SnsAlertPublisher implements AlertPublisher {

    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(AlertMessage message) {
        sns.publish(b -> b.topicArn(topicArn).subject(message.subject()).message(message.body()));
    }
}
