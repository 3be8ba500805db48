"""A PDF page's printing as pypdfium2 gives it, turned into lines in reading order: runs of text with their
font size and weight, lines grouped from runs, ruled tables read cell by cell, two-column pages, filled
panels behind text, footnote markers and footnote bodies."""

import ctypes
import re

import pypdfium2.raw as pdfium_c

MARKER = re.compile(r"^\[?\d{1,3}\]?$|^[*†‡]$")


class Run:
    """A stretch of text on one baseline, as pdfium lays it out: position, font size, text, boldness."""

    __slots__ = ("left", "right", "baseline", "size", "text", "bold", "bold_start", "bold_end")

    def __init__(self, left, right, baseline, size, text, bold=False, bold_start=False, bold_end=False):
        self.left, self.right, self.baseline, self.size, self.text = left, right, baseline, size, text
        self.bold, self.bold_start, self.bold_end = bold, bold_start, bold_end


class Line:
    """Runs that share a baseline, left to right. Edges are kept up to date as runs join."""

    __slots__ = ("runs", "left", "right", "baseline", "size", "_text", "box", "cell")

    def __init__(self, run: Run):
        self._text = None
        self.box = None  # the number of the box it is printed in, on its page
        self.cell = None  # (row, column) of the ruled table cell it is printed in, on its page
        self.runs = [run]
        self.left, self.right, self.baseline, self.size = run.left, run.right, run.baseline, run.size

    def add(self, run: Run) -> None:
        self._text = None
        self.runs.append(run)
        self.runs.sort(key=lambda r: r.left)
        self.left, self.right = min(self.left, run.left), max(self.right, run.right)
        self.size = max(self.size, run.size)

    @property
    def top(self) -> float:
        return self.baseline + self.size * 0.8

    @property
    def bottom(self) -> float:
        return self.baseline - self.size * 0.25

    @property
    def height(self) -> float:
        return self.size

    @property
    def bold(self) -> bool:
        return all(run.bold for run in self.runs)

    @property
    def bold_start(self) -> bool:
        return self.runs[0].bold_start

    @property
    def boldness(self) -> float:
        """1 for a bold line, 0.5 for a line that starts or ends bold (bold begins or ends in it), else 0."""
        if self.bold:
            return 1.0
        return 0.5 if self.bold_start or self.runs[-1].bold_end else 0.0

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.joined()
        return self._text

    def joined(self) -> str:
        parts = [self.runs[0].text]
        for previous, run in zip(self.runs, self.runs[1:], strict=False):
            if (
                run.left - previous.right > run.size * 0.15
                and not run.text.startswith(" ")
                and not parts[-1].endswith(" ")
            ):
                parts.append(" ")
            parts.append(run.text)
        return "".join(parts).strip()


BOLD_WEIGHT = 600
BOLD_NAMES = (b"bold", b"black", b"heavy", b"semibold", b"demi")


def by_address(function, restype, *argtypes):
    """A pdfium function called with objects as plain addresses (no ctypes casts per call): text objects
    and fonts are remembered by address, so each is asked its size and font once a page."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


TEXT_OBJECT = by_address(
    pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p, pdfium_c.FPDF_TEXTPAGE, ctypes.c_int
)
OBJECT_FONT_SIZE = by_address(
    pdfium_c.FPDFTextObj_GetFontSize, ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_float)
)
OBJECT_MATRIX = by_address(
    pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(pdfium_c.FS_MATRIX)
)
OBJECT_FONT = by_address(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p, ctypes.c_void_p)
FONT_WEIGHT = by_address(pdfium_c.FPDFFont_GetWeight, ctypes.c_int, ctypes.c_void_p)
FONT_NAME = by_address(
    pdfium_c.FPDFFont_GetBaseFontName, ctypes.c_size_t, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t
)


class Styles:
    """The printed size and boldness of each text object on a page, asked of pdfium once per object."""

    def __init__(self, handle):
        self.handle, self.objects, self.fonts = handle, {}, {}
        self.size, self.matrix = ctypes.c_float(), pdfium_c.FS_MATRIX()
        self.name = ctypes.create_string_buffer(256)

    def of(self, index: int) -> tuple[float, bool]:
        address = TEXT_OBJECT(self.handle, index)
        known = self.objects.get(address)
        if known is None:
            known = self.objects[address] = self.ask(address, index)
        return known

    def ask(self, address, index: int) -> tuple[float, bool]:
        """Size: the font size scaled by the object's matrix (pdfium's per-letter size ignores the matrix:
        1.0 for producers that scale a unit font). Bold: weight 600 or more, or a font named bold (some
        producers report 400 for every face)."""
        if not address:
            weight = pdfium_c.FPDFText_GetFontWeight(self.handle, index)
            return pdfium_c.FPDFText_GetFontSize(self.handle, index), weight >= BOLD_WEIGHT
        size = 0.0
        if OBJECT_FONT_SIZE(address, self.size) and OBJECT_MATRIX(address, self.matrix):
            matrix = self.matrix
            size = self.size.value * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        size = size or pdfium_c.FPDFText_GetFontSize(self.handle, index)
        font = OBJECT_FONT(address)
        bold = self.fonts.get(font)
        if bold is None:
            length = FONT_NAME(font, self.name, 256) if font else 0
            name = self.name.raw[: max(0, length - 1)].lower()
            weight = FONT_WEIGHT(font) if font else 0
            bold = self.fonts[font] = weight >= BOLD_WEIGHT or any(word in name for word in BOLD_NAMES)
        return size, bold


def page_runs(page) -> list[Run]:
    """The page's text in one call, cut at pdfium's line breaks; three look-ups place each line, and the
    weight of its first and last letters says whether it is bold."""
    textpage = page.get_textpage()
    raw, handle = textpage.get_text_range(), textpage.raw
    styles = Styles(handle)
    x, y = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    runs, offset = [], 0
    for piece in raw.split("\r\n"):
        stripped = piece.strip()
        if stripped:
            first = offset + (len(piece) - len(piece.lstrip()))
            last = offset + len(piece.rstrip()) - 1
            pdfium_c.FPDFText_GetCharOrigin(handle, first, x, y)
            pdfium_c.FPDFText_GetCharBox(handle, last, left, right, bottom, top)
            # The size of the words, not of a bullet glyph set in a larger font before them.
            words = first + next((i for i, ch in enumerate(stripped) if ch.isalnum()), 0)
            size = styles.of(words)[0] or (top.value - bottom.value) or 10.0
            text = drop_inline_markers(styles, stripped, first, size)
            text = text.replace("\x02", "\u2010").replace("\ufffe", "\u2010")
            starts_bold = styles.of(first)[1]
            ends_bold = styles.of(last)[1] if last != first else starts_bold
            runs.append(
                Run(
                    x.value,
                    right.value,
                    y.value,
                    size,
                    text,
                    starts_bold and ends_bold,
                    starts_bold,
                    ends_bold,
                )
            )
        offset += len(piece) + 2
    textpage.close()
    return runs


INLINE_MARKER = re.compile(r"(?<=[A-Za-z)\].,;:’'\"”])\d{1,3}(?=[\s,.;:)]|$)")


def drop_inline_markers(styles: "Styles", text: str, first: int, size: float) -> str:
    """Footnote markers printed as small raised digits right after a word: removed from the text."""
    for match in reversed(list(INLINE_MARKER.finditer(text))):
        if styles.of(first + match.start())[0] < size * 0.8:
            text = text[: match.start()] + text[match.end() :]
    return text


def group_lines(runs: list[Run], verticals: list[tuple[float, float, float]] = ()) -> list[Line]:
    """Runs on the same baseline and near each other share a line, unless a table's rule stands between
    them (two cells of one row); lines run top to bottom."""
    lines: list[Line] = []
    for run in sorted(runs, key=lambda r: (-r.baseline, r.left)):
        for line in lines[-4:]:
            gap = line.left - run.right if run.right <= line.left + 1 else run.left - line.right
            if (
                abs(line.baseline - run.baseline) < max(line.size, run.size) * 0.5
                and -1 < gap < run.size * 1.5
                and not ruled_between(verticals, line, run)
            ):
                line.add(run)
                break
        else:
            lines.append(Line(run))
    return lines


def ruled_between(verticals, line: Line, run: Run) -> bool:
    low, high = (line.right, run.left) if run.left >= line.right - 1 else (run.right, line.left)
    return any(low - 1 <= x <= high + 1 and bottom <= run.baseline <= top for x, bottom, top in verticals)


def page_rules(page) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The thin lines drawn on a page, as tables draw their cells: vertical (x, bottom, top) and
    horizontal (y, left, right)."""
    verticals, horizontals = [], []
    for _, left, bottom, right, top in drawn_paths(page):
        wide, tall = right - left, top - bottom
        if wide < 2.5 and tall > 6:
            verticals.append(((left + right) / 2, bottom, top))
        elif tall < 2.5 and wide > 12:
            horizontals.append(((bottom + top) / 2, left, right))
    return verticals, horizontals


def drawn_paths(page):
    """Each path drawn on the page with its bounds: (object, left, bottom, right, top)."""
    raw = page.raw
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPage_CountObjects(raw)):
        item = pdfium_c.FPDFPage_GetObject(raw, index)
        if pdfium_c.FPDFPageObj_GetType(item) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        pdfium_c.FPDFPageObj_GetBounds(item, left, bottom, right, top)
        yield item, left.value, bottom.value, right.value, top.value


def place_in_cells(lines: list[Line], verticals, horizontals) -> None:
    """Each line inside a ruled table gets its cell: the row between the rules above and below it, and
    the column counted from the rules left of it (at least one rule on each side)."""
    if len(verticals) < 2:
        return
    for line in lines:
        y = line.baseline + line.size * 0.3
        crossing = sorted(x for x, bottom, top in verticals if bottom - 1 <= y <= top + 1)
        before = [x for x in crossing if x <= line.left + 1]
        if not before or not any(x >= line.right - 1 for x in crossing):
            continue
        middle = (line.left + line.right) / 2
        above = [h for h, left, right in horizontals if h > y and left - 1 <= middle <= right + 1]
        below = [h for h, left, right in horizontals if h < y and left - 1 <= middle <= right + 1]
        row = (round(min(above)) if above else None, round(max(below)) if below else None)
        line.cell = (row, len(before))


def table_order(lines: list[Line]) -> list[Line]:
    """Within a row of a ruled table, each cell is read whole, left to right, not line by line across."""
    ordered: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.cell is None:
            ordered.append(line)
            index += 1
            continue
        row = [line]
        index += 1
        while index < len(lines) and (lines[index].cell is None or lines[index].cell[0] == line.cell[0]):
            if lines[index].cell is None:
                break
            row.append(lines[index])
            index += 1
        ordered.extend(sorted(row, key=lambda item: item.cell[1]))  # stable: top to bottom in a cell
    return ordered


def drop_markers(line: Line, body_height: float) -> None:
    """A footnote marker pdfium put on a line of its own beside the text (small digits on the same baseline)."""
    if len(line.runs) < 2:
        return
    line._text = None
    line.runs = [
        run
        for run in line.runs
        if not (
            MARKER.match(run.text.strip()) and run.size < line.size * 0.8 and run.size < body_height * 0.85
        )
    ] or line.runs


def reading_order(lines: list[Line], width: float) -> list[Line]:
    """Two-column pages: lines wholly left of the middle come before lines wholly right of it, band by band."""
    middle = width / 2
    left = [line for line in lines if line.right < middle + width * 0.02]
    right = [line for line in lines if line.left > middle - width * 0.02]
    if len(left) < 3 or len(right) < 3:
        return lines
    ordered, band = [], []

    def flush():
        band_left = [line for line in band if line.left < middle - width * 0.02]
        ordered.extend(band_left + [line for line in band if line.left >= middle - width * 0.02])
        band.clear()

    for line in lines:
        spans = line.left < middle - width * 0.04 and line.right > middle + width * 0.04
        if spans:
            flush()
            ordered.append(line)
        else:
            band.append(line)
    flush()
    return ordered


def page_boxes(page, width: float, height: float) -> list[tuple[float, float, float, float]]:
    """Filled, coloured rectangles drawn as panels behind text: (left, bottom, right, top). Rules, table
    cell shading, page-wide bands and backgrounds are not panels."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    red, green, blue, alpha = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    boxes = []
    for item, left, bottom, right, top in drawn_paths(page):
        wide, tall = right - left, top - bottom
        if not (width * 0.3 < wide < width * 0.97 and 18 < tall < height * 0.85):
            continue
        pdfium_c.FPDFPath_GetDrawMode(item, fill, stroke)
        if not fill.value:
            continue
        pdfium_c.FPDFPageObj_GetFillColor(item, red, green, blue, alpha)
        if alpha.value == 0 or min(red.value, green.value, blue.value) >= 250:
            continue  # invisible, or white on a white page
        boxes.append((left, bottom, right, top))
    return boxes


def place_in_boxes(lines: list[Line], boxes: list[tuple]) -> None:
    """Each line's box: the smallest panel around the middle of the line."""
    if not boxes:
        return
    boxes = sorted(boxes, key=lambda box: (box[2] - box[0]) * (box[3] - box[1]))
    for line in lines:
        middle_x, middle_y = (line.left + line.right) / 2, line.baseline + line.size * 0.3
        for number, (left, bottom, right, top) in enumerate(boxes, start=1):
            if left <= middle_x <= right and bottom <= middle_y <= top:
                line.box = number
                break


FOOTNOTE_START = re.compile(r"^(\d{1,3}|\[\d{1,3}\]|[*†‡])[\s.)]")


def drop_footnotes(lines: list[Line], body: float) -> list[Line]:
    """Footnote bodies: the run of small-print lines at the foot of a page, below all body-size text,
    starting with a footnote number. Small print without one (a cover's imprint) is kept."""
    lowest_body = min((line.bottom for line in lines if line.height >= body * 0.9), default=None)
    if lowest_body is None:
        return lines
    foot = [line for line in lines if line.top < lowest_body - body * 0.3 and line.height < body * 0.9]
    if not foot or not FOOTNOTE_START.match(foot[0].text):
        return lines
    dropped = {id(line) for line in foot}
    return [line for line in lines if id(line) not in dropped]
