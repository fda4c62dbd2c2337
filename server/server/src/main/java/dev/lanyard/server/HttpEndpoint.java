package dev.lanyard.server;

/** The engine-independent side of the HTTP server: what the engine hands every API request to. */
interface HttpEndpoint {
    HttpReply handle(HttpExchange exchange);

    /** The reply to a request whose body could not be read ({@code why}); the engine closes the connection. */
    HttpReply unreadable(HttpExchange exchange, String why);
}
