package io.btsnap.cli.remote;

import io.btsnap.cli.options.GlobalOptions;
import io.btsnap.remote.RemoteSpec;
import io.btsnap.remote.Remotes;
import io.btsnap.store.Store;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The store's remotes: S3-compatible buckets to push runs to and pull them from. */
@Command(
    name = "remote",
    description = "Manage the store's remotes: S3-compatible buckets that runs are pushed to and pulled from.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {RemoteCommand.Add.class, RemoteCommand.List.class, RemoteCommand.Remove.class, RemoteCommand.Verify.class,
      RemoteGcCommand.class, RemoteKeyCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  btsnap remote add shared s3://quant-runs/sweeps --endpoint http://minio:9000 --path-style",
      "  btsnap push --all && btsnap pull --all",
      "  btsnap remote gc shared --keep-top 20 --by sharpe --per sweep --dry-run",
      "Credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or ~/.aws; btsnap never stores them.",
      "An encrypted remote's passphrase comes from --password-file, --password-command, BTSNAP_REMOTE_PASSWORD,",
      "BTSNAP_REMOTE_PASSWORD_FILE, BTSNAP_REMOTE_PASSWORD_COMMAND, or a prompt at a terminal."
    })
public final class RemoteCommand {
  @Spec CommandSpec spec;

  /** {@code remote add}. */
  @Command(name = "add", description = "Add a remote: s3://BUCKET[/PREFIX]. An empty prefix becomes a new encrypted repository;"
      + " one already there is opened, which checks the passphrase.", footerHeading = "%nExamples:%n",
      footer = {"  btsnap remote add shared s3://quant-runs/team-a --password-file ~/.config/btsnap/shared.pass",
        "  btsnap remote add lab s3://runs --endpoint http://10.0.0.5:9000 --path-style --no-encryption"})
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin PassphraseOptions passphrase;

    @Option(names = "--no-encryption", description = "A plain remote: every file, name and parameter readable in the bucket.")
    boolean noEncryption;

    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Parameters(index = "1", paramLabel = "s3://BUCKET[/PREFIX]") String url;

    @Option(names = "--endpoint", paramLabel = "URL", description = "The server, for S3-compatible storage other than AWS.")
    String endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "The region (default: us-east-1).")
    String region;

    @Option(names = "--path-style", description = "Name the bucket in the path (MinIO, Ceph and most self-hosted servers).")
    boolean pathStyle;

    @Override
    public Integer call() throws Exception {
      RemoteSpec remote;
      try {
        remote = RemoteSpec.parse(name, url, Optional.ofNullable(endpoint).map(URI::create), Optional.ofNullable(region), pathStyle);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      io.btsnap.remote.RepositorySetup.Attached attached;
      try (Store store = GlobalOptions.of(spec).openOrCreateStore()) {
        Remotes remotes = Remotes.of(store.location());
        if (remotes.all().containsKey(name)) {
          throw new io.btsnap.remote.RemoteException("a remote named " + name + " exists: remove it first");
        }
        attached = io.btsnap.remote.RepositorySetup.attach(remote, io.btsnap.remote.Credentials.DEFAULT, passphrase.passphrase(spec),
            passphrase.newPassphrase(spec), !noEncryption);
        remotes.add(attached.spec());
      }
      RemoteSpec added = attached.spec();
      spec.commandLine().getOut().println("added remote " + name + " " + added.url() + " ("
          + (added.encrypted() ? (attached.created() ? "new " : "") + "encrypted repository " + added.repository().get().substring(0, 8)
          : "plain") + ")");
      return 0;
    }
  }

  /** {@code remote ls}. */
  @Command(name = "ls", description = "List the remotes: name, URL, kind (encrypted or plain), endpoint.",
      footerHeading = "%nExamples:%n", footer = {"  btsnap remote ls", "  btsnap remote ls --json"})
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @picocli.CommandLine.Mixin io.btsnap.cli.options.JsonOption json;

    @Override
    public Integer call() throws Exception {
      java.util.List<Object> items = new java.util.ArrayList<>();
      try (Store store = GlobalOptions.of(spec).openStore()) {
        for (RemoteSpec r : Remotes.of(store.location()).all().values()) {
          if (!json.enabled()) {
            spec.commandLine().getOut().println(r.name() + "\t" + r.url() + "\t" + r.kind() + r.endpoint().map(e -> "\t" + e).orElse("")
                + (r.pathStyle() ? "\tpath-style" : ""));
          }
          java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
          item.put("name", r.name());
          item.put("url", r.url());
          item.put("kind", r.kind());
          item.put("repository", r.repository().orElse(null));
          item.put("endpoint", r.endpoint().map(Object::toString).orElse(null));
          item.put("region", r.region().orElse(null));
          item.put("pathStyle", r.pathStyle());
          items.add(item);
        }
      }
      if (json.enabled()) {
        spec.commandLine().getOut().println(io.btsnap.json.Json.write(items));
      }
      return 0;
    }
  }

  /** {@code remote verify}. */
  @Command(name = "verify", description = "Check that every run's code is complete in the bucket; exit 1 with one line per problem.",
      footerHeading = "%nExamples:%n", footer = {"  btsnap remote verify shared", "  btsnap remote verify shared --read-data   # re-hash every object"})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "The remote (default: the only one).") String name;

    @Option(names = "--read-data", description = "Download and re-hash every blob too (and, encrypted, authenticate it).")
    boolean readData;

    @picocli.CommandLine.Mixin PassphraseOptions passphrase;

    @Override
    public Integer call() throws Exception {
      io.btsnap.remote.Remote.VerifyReport report;
      try (Store store = GlobalOptions.of(spec).openStore();
          io.btsnap.remote.Remote remote = io.btsnap.remote.Remote.open(Remotes.of(store.location()).choose(Optional.ofNullable(name)),
              io.btsnap.remote.Credentials.DEFAULT, passphrase.passphrase(spec))) {
        report = remote.verify(readData);
      }
      if (report.isClean()) {
        spec.commandLine().getOut().printf("ok: %s, %s, %s%s%n", io.btsnap.cli.output.Plural.of(report.runs(), "run"),
            io.btsnap.cli.output.Plural.of(report.manifests(), "manifest"), io.btsnap.cli.output.Plural.of(report.blobs(), "blob"),
            readData ? ", every blob re-hashed" : "");
        return 0;
      }
      report.problems().forEach(p -> spec.commandLine().getOut().println(p));
      spec.commandLine().getErr().println("btsnap: remote verify found " + io.btsnap.cli.output.Plural.of(report.problems().size(), "problem"));
      return 1;
    }
  }

  /** {@code remote rm}. */
  @Command(name = "rm", description = "Remove a remote from the store's list (the bucket is not touched).",
      footerHeading = "%nExamples:%n", footer = {"  btsnap remote rm shared"})
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() throws Exception {
      try (Store store = GlobalOptions.of(spec).openStore()) {
        Remotes.of(store.location()).remove(name);
      }
      spec.commandLine().getOut().println("removed remote " + name);
      return 0;
    }
  }
}
