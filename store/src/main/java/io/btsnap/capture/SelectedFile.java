package io.btsnap.capture;

import java.nio.file.Path;

/**
 * One file a capture takes.
 *
 * @param path its path in the manifest, relative to the root
 * @param source where it is read from
 * @param reason why it was selected, for {@code --explain} and {@code show}
 */
public record SelectedFile(RelativePath path, Path source, String reason) {}
