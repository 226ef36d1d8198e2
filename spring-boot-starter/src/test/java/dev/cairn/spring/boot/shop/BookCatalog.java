package dev.cairn.spring.boot.shop;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the migrated book table when the bean is created: fails unless the migrations ran first. */
public class BookCatalog {

    private final List<String> titlesAtStartUp;

    public BookCatalog(JdbcClient jdbc) {
        this.titlesAtStartUp = jdbc.sql("SELECT title FROM book ORDER BY id").query(String.class).list();
    }

    public List<String> titlesAtStartUp() {
        return titlesAtStartUp;
    }
}
