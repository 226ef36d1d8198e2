package dev.cairn.sample.spring;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /books}. */
@RestController
public class BooksController {

    private final BookRepository repository;

    public BooksController(BookRepository repository) {
        this.repository = repository;
    }

    @GetMapping("/books")
    public List<BookRepository.Book> books() {
        return repository.findAll();
    }
}
