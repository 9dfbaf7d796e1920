package io.alluvium.services;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Just enough of the Redis protocol (RESP2) for the service to manage its own {@code redis-server}:
 * AUTH and PING, and for tests to try any command. A full client (Jedis) would bring its own
 * dependencies into the services JVM for two commands; the engines that serve data use Jedis.
 */
final class RespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and, when {@code password} is not empty, authenticates. */
    static RespClient connect(String host, int port, String password, int timeoutMillis) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            RespClient client = new RespClient(socket);
            if (!password.isEmpty()) {
                client.call("AUTH", password);
            }
            return client;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one command and returns its reply: a simple or bulk string, an integer as text, or null.
     *
     * @throws RedisError when the server answers with an error
     * @throws EOFException when the server closes the connection instead
     */
    String call(String... args) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(request.toByteArray());
        out.flush();
        return reply();
    }

    private String reply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        String line = line();
        switch (type) {
            case '+':
            case ':':
                return line;
            case '-':
                throw new RedisError(line);
            case '$': {
                int length = Integer.parseInt(line);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            default:
                throw new IOException("unexpected reply type '" + (char) type + "'");
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new EOFException("the server closed the connection");
            }
            sb.append((char) c);
        }
        in.read(); // '\n'
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** An error reply of the server, e.g. {@code WRONGPASS} or {@code NOAUTH}. */
    static final class RedisError extends IOException {
        private static final long serialVersionUID = 1L;

        RedisError(String message) {
            super(message);
        }
    }
}
