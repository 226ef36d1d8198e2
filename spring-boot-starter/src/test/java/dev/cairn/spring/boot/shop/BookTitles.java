package dev.cairn.spring.boot.shop;

import java.util.List;

/** A Spring bean that the {@link SeedBooks} migration reads. */
public record BookTitles(List<String> titles) {

    public static BookTitles of(String... titles) {
        return new BookTitles(List.of(titles));
    }
}
