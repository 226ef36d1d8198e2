package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

/** What a native image of an application with the starter needs, from the registry the processor listed. */
class CairnRuntimeHintsTest {

    private final RuntimeHints hints = new RuntimeHints();

    @Test
    void registersTheIndexTheRegistryAndItsScripts() {
        new CairnRuntimeHints().registerHints(hints, getClass().getClassLoader());

        assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/cairn/registries")).accepts(hints);
        assertThat(RuntimeHintsPredicates.resource().forResource("db/shop/V1__create_book.sql")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection()
                .onType(TypeReference.of("dev.cairn.spring.boot.shop.MigrationRegistry"))
                .withMemberCategory(MemberCategory.ACCESS_PUBLIC_FIELDS)).accepts(hints);
    }
}
