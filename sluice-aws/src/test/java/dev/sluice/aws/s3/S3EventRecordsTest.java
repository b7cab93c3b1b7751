package dev.sluice.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3EventRecordsTest {

    @ParameterizedTest
    @Event(value = "events/moto-s3-event.json", type = S3Event.class)
    void motoEventKeyWithEncodedSlashIsDecoded(S3Event event) {
        assertThat(S3EventRecords.from(event)).singleElement().satisfies(ref -> {
            assertThat(ref.bucket()).isEqualTo("sluice-source");
            assertThat(ref.key()).isEqualTo("incoming/customers.csv");
            assertThat(ref.eTag()).isEqualTo("db0f994316cf0e54d18d67cc3361af6d");
            assertThat(ref.size()).isEqualTo(29);
            assertThat(ref.versionId()).isNull();
        });
    }

    @ParameterizedTest
    @Event(value = "events/powerex-s3-put-event.json", type = S3Event.class)
    void seedPowerexEventParses(S3Event event) {
        assertThat(S3EventRecords.from(event))
                .containsExactly(new S3ObjectRef(
                        "powerex-demo",
                        "CV_JNE.pdf",
                        null,
                        "88f9c8e336961170c10f252d35c05fca",
                        125338,
                        "ObjectCreated:Put"));
    }

    @Test
    void everyRecordOfAMultiRecordEventIsReturnedDecoded() {
        S3Event event = EventLoader.loadS3Event("events/s3-multi-record-event.json");
        assertThat(S3EventRecords.from(event))
                .extracting(S3ObjectRef::key)
                .containsExactly(
                        "reports/2024/my file.csv",
                        "a+b.csv",
                        "café/数据.CSV",
                        "notes.txt",
                        "folder/",
                        "deep/nested/prefix/copy.csv");
        assertThat(S3EventRecords.from(event))
                .extracting(S3ObjectRef::eventName)
                .contains("ObjectCreated:CompleteMultipartUpload", "ObjectCreated:Copy");
    }

    @Test
    void sqsBodiesParseLikeTheTypedEventAndTestEventsAreEmpty() {
        var sqs = EventLoader.loadSQSEvent("events/sqs-s3-events.json");
        assertThat(S3EventRecords.fromJson(sqs.getRecords().get(0).getBody()))
                .extracting(S3ObjectRef::key)
                .containsExactly("queued/one.csv");
        assertThat(S3EventRecords.fromJson(sqs.getRecords().get(1).getBody())).isEmpty();
        assertThat(S3EventRecords.fromJson(sqs.getRecords().get(3).getBody()))
                .extracting(S3ObjectRef::key)
                .containsExactly("queued/two words.csv", "queued/skip.json");
    }

    @Test
    void jsonAndTypedParsingAgree() throws IOException {
        String json = new String(
                getClass()
                        .getResourceAsStream("/events/s3-multi-record-event.json")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(S3EventRecords.fromJson(json))
                .isEqualTo(S3EventRecords.from(EventLoader.loadS3Event("events/s3-multi-record-event.json")));
    }

    @Test
    void aBodyThatIsNotAnS3EventIsRejectedWithItsText() {
        assertThatThrownBy(() -> S3EventRecords.fromJson("this is not an S3 event"))
                .isInstanceOf(S3EventRecords.MalformedEventException.class)
                .hasMessage("message body is not JSON: this is not an S3 event");
        assertThatThrownBy(() -> S3EventRecords.fromJson("{\"foo\":1}"))
                .hasMessage("message body has no Records array: {\"foo\":1}");
        assertThatThrownBy(() -> S3EventRecords.fromJson("{\"Records\":[{\"s3\":{}}]}"))
                .hasMessageStartingWith("record without s3.bucket.name/s3.object.key");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "my+file.csv|my file.csv",
                "a%2Bb.csv|a+b.csv",
                "incoming%2Fcustomers.csv|incoming/customers.csv",
                "dir/sub/x.csv|dir/sub/x.csv",
                "caf%C3%A9.csv|café.csv",
                "100%25.csv|100%.csv"
            })
    void keysAreFormDecoded(String raw, String decoded) {
        assertThat(S3EventRecords.decodeKey(raw)).isEqualTo(decoded);
    }

    @Test
    void aBrokenPercentEscapeIsAMalformedEvent() {
        assertThatThrownBy(() -> S3EventRecords.decodeKey("bad%zz.csv"))
                .isInstanceOf(S3EventRecords.MalformedEventException.class)
                .hasMessage("object key is not URL-encoded correctly: bad%zz.csv");
    }

    @Test
    void quotedETagsAreUnquotedAndFoldersRecognised() {
        assertThat(new S3ObjectRef("b", "k", "", "\"abc\"", 1, null).eTag()).isEqualTo("abc");
        assertThat(new S3ObjectRef("b", "k", "", null, 1, null).versionId()).isNull();
        assertThat(new S3ObjectRef("b", "dir/", null, null, 0, null).isFolder()).isTrue();
        assertThat(new S3ObjectRef("b", "dir/", null, null, 5, null).isFolder()).isFalse();
    }
}
