package dev.cairn.cli;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.cairn.runtime.Migrator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of {@code docs/architecture.md} ("Rules the build checks"), over the main
 * classes of cairn-runtime and cairn-cli: this module's test class path is the one that holds both.
 * Test classes are left out, in directories ({@code target/test-classes}) and in test jars (the
 * runtime's test fixtures, which the CLI's tests share), since tests reach into internals on purpose.
 */
class ArchitectureTest {

    private static final String API = "dev.cairn.runtime";
    private static final String GENERATED = "dev.cairn.runtime.generated";
    private static final String INTERNAL = "dev.cairn.runtime.internal..";

    /** The runtime's test fixtures reach the CLI's tests as {@code cairn-runtime-<version>-tests.jar}. */
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(new ImportOption.DoNotIncludeTests())
                .withImportOption(location -> !location.matches(TEST_JAR))
                .importPackages("dev.cairn");
    }

    @Test
    void publicApiMembersExposeNoInternalType() {
        members().that(areVisibleOutsideTheRuntime())
                .should(exposeNoInternalType())
                .because("applications compile against " + API + " and " + GENERATED + " only; the module"
                        + " descriptor does not export dev.cairn.runtime.internal")
                .check(classes);
    }

    @Test
    void publicApiTypesExtendAndImplementNoInternalType() {
        classes().that(areVisibleApiTypes())
                .should(haveNoInternalSupertype())
                .because("an application could not name the supertype of a type it uses")
                .check(classes);
    }

    @Test
    void cliUsesOnlyTheRuntimesPublicApi() {
        noClasses().that().resideInAPackage("dev.cairn.cli..")
                .should().dependOnClassesThat().resideInAPackage(INTERNAL)
                .because("the CLI is one more application of the runtime: what it needs, every application may need")
                .check(classes);
    }

    @Test
    void runtimeDoesNotDependOnTheCli() {
        noClasses().that().resideInAPackage("dev.cairn.runtime..")
                .should().dependOnClassesThat().resideInAPackage("dev.cairn.cli..")
                .because("cairn-cli depends on cairn-runtime, never the other way round")
                .check(classes);
    }

    /**
     * The engine's packages ({@code dev.cairn.runtime.internal} and each package under it) depend on
     * each other without a cycle. The API package is no slice: it is both the facade above the engine
     * ({@code Migrator}) and the vocabulary below it (the values and exceptions every engine package
     * returns and throws), so it is cyclic with the engine by design; the next rule pins that.
     */
    @Test
    void enginePackagesAreFreeOfCycles() {
        slices().assignedFrom(enginePackages())
                .should().beFreeOfCycles()
                .check(classes);
    }

    /**
     * The designed cycle, precisely: {@code Migrator} calls the operations and the operations return
     * API values. Nothing else calls an operation, so the operations sit on top of the engine and
     * no other engine package closes a loop through them.
     */
    @Test
    void onlyTheMigratorFacadeCallsTheOperations() {
        classes().that().resideInAPackage("dev.cairn.runtime.internal.operation..")
                .should().onlyHaveDependentClassesThat(
                        resideInAPackage("dev.cairn.runtime.internal.operation..").or(belongToAnyOf(Migrator.class)))
                .because("dev.cairn.runtime <-> internal.operation is the one cycle allowed by design: the Migrator"
                        + " facade calls the operations, the operations return the API's values")
                .check(classes);
    }

    @Test
    void cliPackagesAreFreeOfCycles() {
        slices().matching("dev.cairn.cli.(*)..")
                .should().beFreeOfCycles()
                .allowEmptyShould(true)
                .check(classes);
    }

    /** {@code dev.cairn.runtime.internal} itself and each of its packages, with their sub-packages. */
    private static SliceAssignment enginePackages() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                String root = "dev.cairn.runtime.internal";
                if (name.equals(root)) {
                    return SliceIdentifier.of(root);
                }
                if (name.startsWith(root + ".")) {
                    int end = name.indexOf('.', root.length() + 1);
                    return SliceIdentifier.of(end < 0 ? name : name.substring(0, end));
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the engine's packages (dev.cairn.runtime.internal and each package under it)";
            }
        };
    }

    // --- predicates and conditions -----------------------------------------------------------

    private static boolean inApiPackage(JavaClass type) {
        return type.getPackageName().equals(API) || type.getPackageName().equals(GENERATED);
    }

    /** Public or protected, and so is every class it is nested in. */
    private static boolean visibleOutside(JavaClass type) {
        Optional<JavaClass> current = Optional.of(type);
        while (current.isPresent()) {
            Set<JavaModifier> modifiers = current.get().getModifiers();
            if (!modifiers.contains(JavaModifier.PUBLIC) && !modifiers.contains(JavaModifier.PROTECTED)) {
                return false;
            }
            current = current.get().getEnclosingClass();
        }
        return true;
    }

    private static DescribedPredicate<JavaClass> areVisibleApiTypes() {
        return DescribedPredicate.describe("are public types of " + API + " or " + GENERATED,
                type -> inApiPackage(type) && visibleOutside(type));
    }

    private static DescribedPredicate<JavaMember> areVisibleOutsideTheRuntime() {
        return DescribedPredicate.describe("are public or protected members of public types of " + API + " or "
                + GENERATED, member -> {
                    Set<JavaModifier> modifiers = member.getModifiers();
                    return inApiPackage(member.getOwner()) && visibleOutside(member.getOwner())
                            && (modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED))
                            && !modifiers.contains(JavaModifier.SYNTHETIC) && !modifiers.contains(JavaModifier.BRIDGE);
                });
    }

    private static ArchCondition<JavaMember> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of " + INTERNAL) {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                List<JavaType> signature = new ArrayList<>();
                if (member instanceof JavaField) {
                    signature.add(((JavaField) member).getType());
                } else if (member instanceof JavaCodeUnit) {
                    JavaCodeUnit code = (JavaCodeUnit) member;
                    signature.add(code.getReturnType());
                    signature.addAll(code.getParameterTypes());
                    signature.addAll(code.getTypeParameters());
                    signature.addAll(code.getThrowsClause().getTypes());
                }
                for (JavaClass type : involvedRawTypes(signature)) {
                    if (isInternal(type)) {
                        events.add(SimpleConditionEvent.violated(member,
                                member.getFullName() + " exposes the internal type " + type.getName()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> haveNoInternalSupertype() {
        return new ArchCondition<>("extend or implement no type of " + INTERNAL) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<JavaType> supertypes = new ArrayList<>();
                type.getSuperclass().ifPresent(supertypes::add);
                supertypes.addAll(type.getInterfaces());
                supertypes.addAll(type.getTypeParameters());
                for (JavaClass supertype : involvedRawTypes(supertypes)) {
                    if (isInternal(supertype)) {
                        events.add(SimpleConditionEvent.violated(type,
                                type.getName() + " extends or implements the internal type " + supertype.getName()));
                    }
                }
            }
        };
    }

    /** Every class a signature names, type arguments and bounds included ({@code List<Plan>} names Plan). */
    private static Set<JavaClass> involvedRawTypes(List<? extends JavaType> types) {
        Set<JavaClass> raw = new LinkedHashSet<>();
        for (JavaType type : types) {
            raw.addAll(type.getAllInvolvedRawTypes());
        }
        return raw;
    }

    private static boolean isInternal(JavaClass type) {
        return resideInAPackage(INTERNAL).test(type);
    }
}
