package dev.cairn.spring.boot.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The migrated book table as a JPA entity. */
@Entity
@Table(name = "book")
public class Book {

    @Id
    private Integer id;

    private String title;

    protected Book() {
    }

    public String getTitle() {
        return title;
    }
}
