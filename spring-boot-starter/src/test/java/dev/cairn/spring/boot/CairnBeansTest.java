package dev.cairn.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.runtime.MigrationFailedException;
import dev.cairn.runtime.MigrationState;
import dev.cairn.runtime.Migrator;
import dev.cairn.spring.boot.shop.BookTitles;
import dev.cairn.spring.boot.shop.MigrationRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/** Spring beans for Java migrations: bound to the thread for the run, refused clearly outside it. */
class CairnBeansTest {

    @TempDir
    Path directory;

    private static DefaultListableBeanFactory beansWith(BookTitles titles) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("titles", titles);
        return beans;
    }

    @Test
    void aMigrationRunOutsideSpringFailsSayingWhy() {
        Migrator plain = Migrator.builder(MigrationRegistry.INSTANCE).jdbcUrl("jdbc:sqlite:" + directory.resolve("a.db"))
                .build();
        assertThatThrownBy(plain::migrate).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("Migration 2 (dev.cairn.spring.boot.shop.SeedBooks)")
                .hasMessageContaining("asked for the Spring bean dev.cairn.spring.boot.shop.BookTitles")
                .hasMessageContaining("CairnBeans.run");
        // Transactional: nothing of it was committed, the next run (inside Spring) retries it.
        assertThat(plain.info().inState(MigrationState.FAILED)).extracting(m -> String.valueOf(m.version()))
                .containsExactly("2");
    }

    @Test
    void runGivesTheBeansToTheMigrationsOfThatRun() {
        Migrator migrator = Migrator.builder(MigrationRegistry.INSTANCE)
                .jdbcUrl("jdbc:sqlite:" + directory.resolve("b.db")).build();
        CairnBeans.run(beansWith(BookTitles.of("Ulysses")), migrator::migrate);
        assertThat(migrator.info().pending()).isEmpty();
        assertThatThrownBy(() -> CairnBeans.get(BookTitles.class)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInnerRunRestoresTheOuterBeans() {
        BookTitles outer = BookTitles.of("outer");
        BookTitles inner = BookTitles.of("inner");
        CairnBeans.run(beansWith(outer), () -> {
            CairnBeans.run(beansWith(inner), () -> assertThat(CairnBeans.get(BookTitles.class)).isSameAs(inner));
            assertThat(CairnBeans.get("titles", BookTitles.class)).isSameAs(outer);
        });
    }
}
