package dev.ifmon.core.store;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import tools.jackson.core.JacksonException;

/**
 * Says in one line why a file could not be written or read: the message of the exception and of its root
 * cause, without class names where the JDK's own message is only a path ({@code AccessDeniedException: /x}
 * becomes {@code /x: permission denied}). For log lines and console messages; stateless.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * @param failure what was thrown while writing or reading a file: an {@link java.io.IOException}, an
     *     {@link java.io.UncheckedIOException}, or Jackson's unchecked {@link JacksonException}
     * @return one line naming the file where known and the cause, e.g. {@code /data/x.json: No space left on
     *     device}
     */
    public static String describe(Throwable failure) {
        String text = own(failure);
        Throwable root = failure;
        for (int depth = 0; depth < 10 && root.getCause() != null && root.getCause() != root; depth++) {
            root = root.getCause();
        }
        if (root != failure) {
            String cause = own(root);
            if (!text.contains(cause)) {
                text = text + ": " + cause;
            }
        }
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String own(Throwable failure) {
        if (failure instanceof FileSystemException files) {
            String file = files.getFile() == null ? "" : files.getFile();
            String other = files.getOtherFile() == null ? "" : " -> " + files.getOtherFile();
            String reason = files.getReason() != null ? files.getReason() : reason(files);
            return file.isEmpty() ? reason : file + other + ": " + reason;
        }
        String message = failure instanceof JacksonException jackson ? jackson.getOriginalMessage()
                : failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static String reason(FileSystemException failure) {
        return switch (failure) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "no such file or folder";
            case NotDirectoryException notFolder -> "is a file, not a folder";
            case FileAlreadyExistsException exists -> "exists and is a file, not a folder";
            default -> failure.getClass().getSimpleName();
        };
    }
}
