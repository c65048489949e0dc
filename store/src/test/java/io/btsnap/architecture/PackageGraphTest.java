package io.btsnap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of {@link PackageCycleTest} and {@link InternalPackageTest}, on planted source trees. */
class PackageGraphTest {
  @TempDir Path repository;

  @Test
  void aParentAndItsSubPackageUsingEachOtherAreACycle() throws IOException {
    plant("cli", "io.btsnap.cli", "Main", "import io.btsnap.cli.store.StoreCommand;");
    plant("cli", "io.btsnap.cli.store", "StoreCommand", "import io.btsnap.cli.Main;");

    assertThat(PackageGraph.read(repository).cycles())
        .containsExactly("io.btsnap.cli -> io.btsnap.cli.store -> io.btsnap.cli"
            + " (io.btsnap.cli -> io.btsnap.cli.store in cli/src/main/java/io/btsnap/cli/Main.java;"
            + " io.btsnap.cli.store -> io.btsnap.cli in cli/src/main/java/io/btsnap/cli/store/StoreCommand.java)");
  }

  @Test
  void qualifiedNamesAndStaticImportsCloseACycleAcrossModules() throws IOException {
    plant("a", "io.btsnap.a", "A", "import static io.btsnap.b.B.make;");
    plant("b", "io.btsnap.b", "B", "", "Object c = new io.btsnap.c.internal.C();");
    plant("newmodule", "io.btsnap.c.internal", "C", "", "Object a = io.btsnap.a.A.class;");

    assertThat(PackageGraph.read(repository).cycles())
        .singleElement().asString().startsWith("io.btsnap.a -> io.btsnap.b -> io.btsnap.c.internal -> io.btsnap.a (");
  }

  @Test
  void namesInCommentsStringsAndTestsAreNoUse() throws IOException {
    plant("a", "io.btsnap.a", "A", "import io.btsnap.b.B;");
    plant("b", "io.btsnap.b", "B", "",
        "/** See {@link io.btsnap.a.A}. */ String s = \"io.btsnap.a.A\"; // io.btsnap.a.A\n char q = '\"';");
    Path test = repository.resolve("b/src/test/java/io/btsnap/b/BTest.java");
    Files.createDirectories(test.getParent());
    Files.writeString(test, "package io.btsnap.b;\nimport io.btsnap.a.A;\nclass BTest {}\n");

    PackageGraph graph = PackageGraph.read(repository);

    assertThat(graph.cycles()).isEmpty();
    assertThat(graph.usedBy("io.btsnap.b")).isEmpty();
  }

  @Test
  void sourcesUnderBuildOutputAreNotRead() throws IOException {
    plant("a", "io.btsnap.a", "A", "import io.btsnap.b.B;");
    plant("a/target/generated-sources", "io.btsnap.b", "B", "import io.btsnap.a.A;");

    assertThat(PackageGraph.read(repository).packages()).containsExactly("io.btsnap.a");
  }

  @Test
  void anInternalPackageIsUsableOnlyUnderItsOwner() throws IOException {
    plant("store", "io.btsnap.store", "Store", "import io.btsnap.store.internal.index.Index;");
    plant("store", "io.btsnap.store.internal.gc", "Gc", "import io.btsnap.store.internal.index.Index;");
    plant("store", "io.btsnap.store.internal.index", "Index", "");
    plant("cli", "io.btsnap.cli", "Main", "", "Object i = new io.btsnap.store.internal.index.Index();");
    plant("cli", "io.btsnap.storex", "Lookalike", "import io.btsnap.store.internal.index.Index;");

    assertThat(PackageGraph.read(repository).internalUsesOutsideOwner()).containsExactly(
        "io.btsnap.cli -> io.btsnap.store.internal.index in cli/src/main/java/io/btsnap/cli/Main.java",
        "io.btsnap.storex -> io.btsnap.store.internal.index in cli/src/main/java/io/btsnap/storex/Lookalike.java");
  }

  @Test
  void theInnermostInternalSegmentNamesTheOwner() {
    assertThat(PackageGraph.owner("io.btsnap.store.internal")).isEqualTo("io.btsnap.store");
    assertThat(PackageGraph.owner("io.btsnap.store.internal.index")).isEqualTo("io.btsnap.store");
    assertThat(PackageGraph.owner("io.btsnap.ui.internal.page.internal.x")).isEqualTo("io.btsnap.ui.internal.page");
    assertThat(PackageGraph.owner("io.btsnap.internals")).isNull();
    assertThat(PackageGraph.owner("io.btsnap.store")).isNull();
  }

  private void plant(String module, String pkg, String type, String imports) throws IOException {
    plant(module, pkg, type, imports, "");
  }

  private void plant(String module, String pkg, String type, String imports, String body) throws IOException {
    Path file = repository.resolve(module + "/src/main/java/" + pkg.replace('.', '/') + "/" + type + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "package " + pkg + ";\n\n" + imports + "\n\npublic class " + type + " {\n  " + body + "\n}\n");
  }
}
