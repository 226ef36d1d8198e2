package dev.cairn.spring.boot.jpa;

import org.springframework.data.jpa.repository.JpaRepository;

/** A Spring Data repository over the migrated table. */
public interface BookRepository extends JpaRepository<Book, Integer> {
}
