package dev.cairn.sample;

/** The sample application (being built). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Cairn sample");
    }
}
