package dev.sluice.lambda.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A real client that misbehaves like a throttled table: every {@code throttleEvery}-th call fails with
 * ProvisionedThroughputExceededException before reaching DynamoDB, and every batch of more than {@code withheld}
 * items that does reach it has its last {@code withheld} items held back and returned as UnprocessedItems (they are
 * not written; in merge mode's BatchExecuteStatement the last {@code withheld} statements get a per-statement
 * throughput error instead). After {@code healthyAfter}
 * calls it behaves (0 = never).
 */
final class FlakyDynamoDb implements DynamoDbClient {

    private final DynamoDbClient delegate;
    private final int throttleEvery;
    private final int withheld;
    private final int healthyAfter;
    private final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger unprocessed = new AtomicInteger();

    FlakyDynamoDb(DynamoDbClient delegate, int throttleEvery, int withheld, int healthyAfter) {
        this.delegate = delegate;
        this.throttleEvery = throttleEvery;
        this.withheld = withheld;
        this.healthyAfter = healthyAfter;
    }

    private boolean healthy(int call) {
        return healthyAfter > 0 && call > healthyAfter;
    }

    private void maybeThrottle(int call) {
        if (!healthy(call) && call % throttleEvery == 0) {
            throttled.incrementAndGet();
            throw (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException.builder()
                    .message("The level of configured provisioned throughput for the table was exceeded")
                    .statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("ProvisionedThroughputExceededException")
                            .errorMessage("throughput exceeded")
                            .serviceName("DynamoDb")
                            .build())
                    .build();
        }
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        int call = calls.incrementAndGet();
        maybeThrottle(call);
        Map.Entry<String, List<WriteRequest>> only =
                request.requestItems().entrySet().iterator().next();
        List<WriteRequest> items = only.getValue();
        int hold = healthy(call) || items.size() <= withheld ? 0 : withheld;
        List<WriteRequest> sent = new ArrayList<>(items.subList(0, items.size() - hold));
        List<WriteRequest> held = new ArrayList<>(items.subList(items.size() - hold, items.size()));
        BatchWriteItemResponse response = delegate.batchWriteItem(
                request.toBuilder().requestItems(Map.of(only.getKey(), sent)).build());
        if (held.isEmpty()) {
            return response;
        }
        unprocessed.addAndGet(held.size());
        return response.toBuilder()
                .unprocessedItems(Map.of(only.getKey(), held))
                .build();
    }

    /**
     * Merge mode's batches: the whole call may be throttled; otherwise the last {@code withheld} statements are not
     * run and come back with a per-statement ProvisionedThroughputExceeded error, as DynamoDB answers them.
     */
    @Override
    public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
        int call = calls.incrementAndGet();
        maybeThrottle(call);
        List<BatchStatementRequest> statements = request.statements();
        int hold = healthy(call) || statements.size() <= withheld ? 0 : withheld;
        List<BatchStatementResponse> responses = new ArrayList<>(delegate.batchExecuteStatement(request.toBuilder()
                        .statements(statements.subList(0, statements.size() - hold))
                        .build())
                .responses());
        for (int i = 0; i < hold; i++) {
            responses.add(BatchStatementResponse.builder()
                    .error(e -> e.code(BatchStatementErrorCodeEnum.PROVISIONED_THROUGHPUT_EXCEEDED)
                            .message("throughput exceeded"))
                    .build());
        }
        unprocessed.addAndGet(hold);
        return BatchExecuteStatementResponse.builder().responses(responses).build();
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        maybeThrottle(calls.incrementAndGet());
        return delegate.updateItem(request);
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    @Override
    public void close() {
        // the delegate belongs to the test
    }
}
