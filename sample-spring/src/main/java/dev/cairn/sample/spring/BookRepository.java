package dev.cairn.sample.spring;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The books, read with Spring's JdbcClient from the table the migrations created. */
@Repository
public class BookRepository {

    /** One book and its author. */
    public record Book(String title, String author) {
    }

    private final JdbcClient jdbc;

    public BookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Book> findAll() {
        return jdbc.sql("SELECT b.title, a.name FROM book b JOIN author a ON a.id = b.author_id ORDER BY b.id")
                .query((row, number) -> new Book(row.getString(1), row.getString(2))).list();
    }
}
