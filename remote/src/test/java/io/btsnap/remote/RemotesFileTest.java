package io.btsnap.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** remotes.json: a record from before encryption reads as plain; the kind and repository id survive a save. */
class RemotesFileTest {
  @TempDir Path store;

  @Test
  void aRecordWithoutAKindIsPlainAndAnEncryptedOneKeepsItsRepository() throws Exception {
    Files.writeString(store.resolve(Remotes.FILE), "{\"old\": {\"url\": \"s3://bucket/old\", \"pathStyle\": true}}\n");
    Remotes remotes = Remotes.of(store);
    assertThat(remotes.choose(Optional.of("old")).kind()).isEqualTo("plain");
    String id = "0123456789abcdef0123456789abcdef";
    remotes.add(RemoteSpec.parse("vault", "s3://bucket/vault", Optional.empty(), Optional.empty(), false).withRepository(id));
    Remotes again = Remotes.of(store);
    assertThat(again.choose(Optional.of("vault")).repository()).contains(id);
    assertThat(again.choose(Optional.of("vault")).kind()).isEqualTo("encrypted");
    assertThat(again.choose(Optional.of("old")).encrypted()).isFalse();
    assertThat(Files.readString(store.resolve(Remotes.FILE))).contains("\"kind\": \"plain\"", "\"kind\": \"encrypted\"");
  }

  @Test
  void anUnknownKindOrABadRepositoryIdIsOneLine() throws Exception {
    Files.writeString(store.resolve(Remotes.FILE), "{\"x\": {\"url\": \"s3://bucket/x\", \"kind\": \"scrambled\"}}\n");
    assertThatThrownBy(() -> Remotes.of(store)).hasMessageContaining("unknown kind scrambled").hasMessageNotContaining("\n");
    Files.writeString(store.resolve(Remotes.FILE), "{\"x\": {\"url\": \"s3://bucket/x\", \"kind\": \"encrypted\", \"repository\": \"zz\"}}\n");
    assertThatThrownBy(() -> Remotes.of(store)).hasMessageContaining("a repository id is 32 hex digits");
  }
}
