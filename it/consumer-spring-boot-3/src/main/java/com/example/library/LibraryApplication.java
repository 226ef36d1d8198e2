package com.example.library;

import dev.cairn.spring.boot.actuate.CairnEndpoint;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the migrated table while the context starts, prints it, and exits. Args: the SQLite file. */
@SpringBootApplication
public class LibraryApplication {

    /** Read at start-up: fails with "no such table" unless the migrations ran first. */
    public record Loans(List<String> titles) {
    }

    @Bean
    Loans loans(JdbcClient jdbc) {
        return new Loans(jdbc.sql("SELECT title FROM loan ORDER BY id").query(String.class).list());
    }

    public static void main(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplication(LibraryApplication.class)
                .run("--spring.datasource.url=jdbc:sqlite:" + args[0], "--spring.main.banner-mode=off",
                        "--spring.jmx.enabled=true", "--management.endpoints.jmx.exposure.include=cairn")) {
            System.out.println("loans at start-up: " + context.getBean(Loans.class).titles());
            System.out.println("cairn beans: " + context.getBeanNamesForType(dev.cairn.runtime.Migrator.class).length);
            CairnEndpoint endpoint = context.getBean(CairnEndpoint.class);
            System.out.println("actuator cairn: " + endpoint.migrations().getMigrators().get("cairnMigrator").size()
                    + " migration(s), " + endpoint.migrations().getMigrators().get("cairnMigrator").get(0).getState());
        }
    }
}
