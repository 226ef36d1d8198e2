package dev.cairn.sample.spring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The books the {@code SeedCatalog} migration puts into an empty shop; a Spring bean like any other. */
@Component
public class CatalogSeed {

    public Map<String, List<String>> booksByAuthor() {
        Map<String, List<String>> books = new LinkedHashMap<>();
        books.put("Jane Austen", List.of("Emma", "Persuasion"));
        books.put("Frank Herbert", List.of("Dune"));
        return books;
    }
}
