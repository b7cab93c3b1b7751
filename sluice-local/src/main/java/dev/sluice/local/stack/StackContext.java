package dev.sluice.local.stack;

import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a function registered on the stack may use once the stack is up: a client for the embedded S3 endpoint (the
 * same url-connection client the Lambda uses), its URI, and the stack's data folder. More services (DynamoDB Local,
 * Postgres) are added here as record components when they join the stack.
 */
public record StackContext(S3Client s3, URI s3Endpoint, Path dataDir) {}
