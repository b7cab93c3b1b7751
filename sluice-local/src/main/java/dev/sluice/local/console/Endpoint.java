package dev.sluice.local.console;

/** One console URL: reads the request, answers. Throws {@link BadRequestException} or {@link NotFoundException}. */
@FunctionalInterface
public interface Endpoint {
    Response handle(Request request) throws Exception;
}
