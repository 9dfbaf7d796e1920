package io.alluvium.architect;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders HTML reports in headless Chromium and checks the picture, not the markup: the page is not blank,
 * the title above the diagram is dark text, no box of the diagram spills its text into the gap beside it,
 * nothing runs off the right edge, and failed SLAs and reached/near bottlenecks show in their highlight colours.
 * Chromium is required in CI ({@code CI=true}; {@code .ci/run} installs it) and skipped elsewhere when absent.
 */
class HtmlScreenshotTest {
    private static final int WIDTH = 1280;
    /** Highlight backgrounds of HtmlRenderer's .bad (failed SLA, reached bottleneck) and .warn (near) cells, and the flow boxes' fill. */
    private static final int BAD = 0xfde2e1;
    private static final int WARN = 0xfff4d6;
    private static final int BOX_FILL = 0xe8f1fb;
    private static final int BOX_HEIGHT = 140;
    /** Body text is #222; anti-aliased glyphs keep cores this dark, the diagram's #555 arrows do not. */
    private static final int DARK = 60;

    @TempDir
    Path dir;

    private static Optional<Path> chromium() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, "chromium");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Path requireChromium() {
        Optional<Path> c = chromium();
        if (c.isEmpty()) {
            assertThat("true".equals(System.getenv("CI"))).as("chromium is required in CI (.ci/run installs it)").isFalse();
            Assumptions.abort("chromium is not installed (apt-get install -y chromium); required when CI=true");
        }
        return c.get();
    }

    /** The report of an example as Chromium draws it in a 1280 px wide window of the given height. */
    private BufferedImage screenshot(Path chromium, String example, int height) throws IOException, InterruptedException {
        Path html = dir.resolve(example + ".html");
        Files.writeString(html, HtmlRenderer.render(Fixtures.design(example)));
        Path png = dir.resolve(example + "-" + height + ".png");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--screenshot=" + png, "--window-size=" + WIDTH + "," + height, html.toUri().toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        assertThat(png).as("chromium exited " + p.exitValue() + " without a screenshot").exists();
        return ImageIO.read(png.toFile());
    }

    private static int rgb(BufferedImage im, int x, int y) {
        return im.getRGB(x, y) & 0xffffff;
    }

    private static boolean dark(int rgb) {
        return (rgb >> 16 & 0xff) < DARK && (rgb >> 8 & 0xff) < DARK && (rgb & 0xff) < DARK;
    }

    private static long count(BufferedImage im, int x0, int y0, int x1, int y1, java.util.function.IntPredicate pixel) {
        long n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (pixel.test(rgb(im, x, y))) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The first row of the flow boxes' fill: just inside the top edge of the diagram's first row of boxes. */
    private static int diagramTop(BufferedImage im) {
        for (int y = 0; y < im.getHeight(); y++) {
            if (count(im, 0, y, WIDTH, y + 1, p -> p == BOX_FILL) > 100) {
                return y;
            }
        }
        throw new AssertionError("no diagram box found");
    }

    /**
     * The columns between the flow boxes: a column is inside a box when most of the band is the box's fill (text
     * interrupts it only here and there); a few pixels are left off each side for the anti-aliased stroke.
     */
    private static List<int[]> gapsBetweenBoxes(BufferedImage im, int top) {
        List<int[]> boxes = new ArrayList<>();
        int start = -1;
        for (int x = 0; x <= WIDTH; x++) {
            boolean inside = x < WIDTH && count(im, x, top, x + 1, top + BOX_HEIGHT, p -> p == BOX_FILL) > BOX_HEIGHT / 2;
            if (inside && start < 0) {
                start = x;
            } else if (!inside && start >= 0) {
                boxes.add(new int[] {start, x - 1});
                start = -1;
            }
        }
        assertThat(boxes).as("the four flow boxes").hasSize(4);
        List<int[]> gaps = new ArrayList<>();
        for (int i = 0; i + 1 < boxes.size(); i++) {
            gaps.add(new int[] {boxes.get(i)[1] + 4, boxes.get(i + 1)[0] - 4});
        }
        return gaps;
    }

    @Test
    void theFirstScreenShowsATitleAboveADiagramWhoseTextStaysInItsBoxes() throws Exception {
        Path chromium = requireChromium();
        for (String example : List.of("q5-failing-lake.yaml", "q2-fraud-detection.yaml")) {
            BufferedImage im = screenshot(chromium, example, 2000);
            assertThat(im.getWidth()).isEqualTo(WIDTH);
            long ink = count(im, 0, 0, WIDTH, im.getHeight(), p -> p != 0xffffff);
            assertThat(ink).as(example + ": not blank").isGreaterThan(WIDTH * 2000L / 20);
            int top = diagramTop(im);
            assertThat(top).as(example + ": the diagram starts below the title").isBetween(60, 600);
            assertThat(count(im, 0, 0, WIDTH, top, HtmlScreenshotTest::dark)).as(example + ": dark title text above the diagram").isGreaterThan(500);
            // Box titles and lines are dark; the 30 px gaps between the flow boxes hold only the grey arrows.
            for (int[] gap : gapsBetweenBoxes(im, top)) {
                assertThat(count(im, gap[0], top, gap[1], top + BOX_HEIGHT, HtmlScreenshotTest::dark))
                        .as(example + ": text spilling into the gap x=" + gap[0] + ".." + gap[1]).isZero();
            }
            assertThat(count(im, WIDTH - 40, 0, WIDTH, im.getHeight(), p -> p != 0xffffff)).as(example + ": ink at the right edge").isZero();
        }
    }

    @Test
    void theWholePageStaysInsideTheWindowAndFindingsShowInTheirColours() throws Exception {
        Path chromium = requireChromium();
        BufferedImage im = screenshot(chromium, "q5-failing-lake.yaml", 14_000);
        // The page ends before the window does, so the whole report is in the picture.
        assertThat(count(im, 0, im.getHeight() - 200, WIDTH, im.getHeight(), p -> p != 0xffffff)).as("blank space after the report").isZero();
        // A table too wide for the page would be cut at the window's right edge.
        assertThat(count(im, WIDTH - 40, 0, WIDTH, im.getHeight(), p -> p != 0xffffff)).as("ink at the right edge").isZero();
        // Q5's reached bottlenecks and failed SLAs are red cells, its near bottleneck an amber one: each at least a cell's worth of pixels.
        assertThat(count(im, 0, 0, WIDTH, im.getHeight(), p -> p == BAD)).as("red cells").isGreaterThan(5 * 40 * 15);
        assertThat(count(im, 0, 0, WIDTH, im.getHeight(), p -> p == WARN)).as("amber cells").isGreaterThan(40 * 15);
    }
}
