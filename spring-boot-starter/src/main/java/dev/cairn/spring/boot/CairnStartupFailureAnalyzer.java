package dev.cairn.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the starter's own start-up failures (no registry, several, validate mode) with their action. */
class CairnStartupFailureAnalyzer extends AbstractFailureAnalyzer<CairnStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CairnStartupException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
