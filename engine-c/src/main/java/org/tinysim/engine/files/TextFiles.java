package org.tinysim.engine.files;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reading a user's text file (spec, patch, case) with errors in words: the JDK's own messages are
 * often only the path ("/nope.json") or a decoder detail ("Input length = 1").
 */
public final class TextFiles {

  private TextFiles() {}

  /**
   * The UTF-8 text of {@code file}; {@code what} names it in errors ("training spec"), {@code
   * error} makes the caller's exception.
   */
  public static String read(
      Path file, String what, Function<String, ? extends RuntimeException> error) {
    if (Files.isDirectory(file)) {
      throw error.apply(what + " " + file + " is a directory, not a file");
    }
    if (!Files.exists(file)) {
      throw error.apply(what + " " + file + " does not exist");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw error.apply(what + " " + file + " is not UTF-8 text (is it a binary file?)");
    } catch (IOException e) {
      throw error.apply("cannot read " + what + " " + file + ": " + describe(e));
    }
  }

  /** An I/O failure in words, naming the file involved when the JDK says which. */
  public static String describe(IOException e) {
    String kind =
        switch (e.getClass().getSimpleName()) {
          case "NoSuchFileException" -> "no such file or directory";
          case "AccessDeniedException" -> "permission denied";
          case "FileAlreadyExistsException" -> "a file is in the way";
          case "NotDirectoryException" -> "not a directory";
          case "DirectoryNotEmptyException" -> "directory not empty";
          default ->
              e instanceof FileSystemException fs && fs.getReason() != null
                  ? fs.getReason()
                  : Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        };
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      return kind + ": " + fs.getFile();
    }
    return kind;
  }
}
