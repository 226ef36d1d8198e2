package dev.cairn.sample.spring;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the catalogue while the application context is being created: it works only because the starter
 * orders every JdbcClient user after the migrations.
 */
@Component
public class CatalogAtStartUp {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogAtStartUp.class);

    private final List<BookRepository.Book> books;

    public CatalogAtStartUp(BookRepository repository) {
        this.books = repository.findAll();
        LOG.info("The catalogue has {} books at start-up", books.size());
    }

    public List<BookRepository.Book> books() {
        return books;
    }
}
