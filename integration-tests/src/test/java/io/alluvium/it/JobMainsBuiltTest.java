package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.JobMain;
import io.alluvium.runtime.ServiceJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every main class the CLI starts in a child JVM is built in the module it is named with: a class moved or
 * renamed without its {@link JobMain} or {@link ServiceJvm} entry fails here, not when a user first runs the command.
 */
class JobMainsBuiltTest {
    @ParameterizedTest
    @EnumSource(JobMain.class)
    void theMainClassIsInItsModulesBuild(JobMain main) {
        Path home = ChildJvm.home();
        assertThat(home.resolve(main.classFile())).as(main + " in " + main.module()).isRegularFile();
        assertThat(home.resolve(main.module()).resolve("target/classpath.txt")).isRegularFile();
        assertThat(Files.isDirectory(home.resolve(main.module()).resolve("src/main/java"))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ServiceJvm.class)
    void theServiceMainClassIsInItsModulesBuild(ServiceJvm service) {
        Path home = ChildJvm.home();
        assertThat(home.resolve(service.classFile())).as(service + " in " + service.module()).isRegularFile();
        assertThat(home.resolve(service.module()).resolve("target/classpath.txt")).isRegularFile();
    }
}
