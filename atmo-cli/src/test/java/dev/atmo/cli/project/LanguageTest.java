package dev.atmo.cli.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LanguageTest {

    @Test
    void assemblyScriptIsFoundByItsAliasesInAnyCase() {
        assertThat(Language.find("as")).contains(Language.ASSEMBLYSCRIPT);
        assertThat(Language.find("TS")).contains(Language.ASSEMBLYSCRIPT);
        assertThat(Language.find("TypeScript")).contains(Language.ASSEMBLYSCRIPT);
        assertThat(Language.find("assemblyscript")).contains(Language.ASSEMBLYSCRIPT);
        assertThat(Language.find(" rust ")).contains(Language.RUST);
        assertThat(Language.find("c")).contains(Language.C);
    }

    @Test
    void anUnknownLanguageIsAUsageErrorListingTheKnownOnes() {
        assertThatThrownBy(() -> Language.of("go")).isInstanceOf(UsageException.class)
                .hasMessage("unknown language 'go'; known languages: rust, assemblyscript (as, ts, typescript), c");
    }

    @Test
    void theIdIsTheSdkFolderAndTheLangKey() {
        assertThat(Language.ASSEMBLYSCRIPT.id()).isEqualTo("assemblyscript");
        assertThat(Language.RUST.id()).isEqualTo("rust");
        assertThat(Language.C.id()).isEqualTo("c");
    }
}
