package dev.spillway.app;

import dev.spillway.engine.files.AtomicFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One desktop app per user. The first launch holds a file lock in the user's data folder and listens on a loopback
 * port written beside it; a second launch finds the lock taken, asks the first (over that port, with a token only
 * the user can read) to bring its window forward, and exits.
 */
public final class SingleInstance implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SingleInstance.class);
    static final String LOCK_FILE = "desktop.lock";
    static final String PORT_FILE = "desktop.port";
    static final String SHOW = "show";

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final Path portFile;

    private SingleInstance(FileChannel channel, FileLock lock, ServerSocket server, Path portFile) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.portFile = portFile;
    }

    /**
     * Becomes the one instance, or tells the running one to show itself.
     *
     * @param directory a folder only this user can write (the data folder)
     * @param onShow called (on a background thread) when another launch asks this one to show its window
     * @return this instance, or empty when another instance is running and has been told to show itself
     */
    public static Optional<SingleInstance> acquire(Path directory, Runnable onShow) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this same JVM
        }
        if (lock == null) {
            channel.close();
            signalRunning(directory.resolve(PORT_FILE));
            return Optional.empty();
        }
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        Path portFile = directory.resolve(PORT_FILE);
        AtomicFiles.write(portFile, (server.getLocalPort() + " " + token).getBytes(StandardCharsets.UTF_8),
                AtomicFiles.Access.OWNER_ONLY);
        SingleInstance instance = new SingleInstance(channel, lock, server, portFile);
        Thread listener = new Thread(() -> instance.listen(token, onShow), "spillway-single-instance");
        listener.setDaemon(true);
        listener.start();
        return Optional.of(instance);
    }

    private void listen(String token, Runnable onShow) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(2000);
                String line = new BufferedReader(new InputStreamReader(client.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                if ((token + " " + SHOW).equals(line)) {
                    onShow.run();
                    client.getOutputStream().write("ok\n".getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.debug("Ignored a bad single-instance request: {}", e.toString());
                }
            }
        }
    }

    private static void signalRunning(Path portFile) throws IOException {
        String[] portAndToken = Files.readString(portFile).trim().split(" ");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(portAndToken[0]))) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((portAndToken[1] + " " + SHOW + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (!"ok".equals(answer)) {
                throw new IOException("the running Spillway did not answer");
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(portFile);
        lock.release();
        channel.close();
    }
}
