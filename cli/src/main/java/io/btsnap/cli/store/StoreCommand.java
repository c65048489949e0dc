package io.btsnap.cli.store;

import picocli.CommandLine.Command;

/** The group of commands about the store as a whole. */
@Command(
    name = "store",
    description = "Inspect and maintain the store.",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%nExamples:%n",
    footer = {"  btsnap store du", "  btsnap store verify --secrets", "  btsnap store gc --older-than 30d --dry-run"},
    subcommands = {StoreInitCommand.class, StoreDuCommand.class, StoreGcCommand.class, StoreVerifyCommand.class, StoreChmodCommand.class})
public final class StoreCommand {}
