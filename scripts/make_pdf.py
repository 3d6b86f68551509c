#!/usr/bin/env python3
"""Builds the project's own test PDFs from a small page description (scripts/pdf/*.page).

The PDFs are set as the budget PDFs of ../shared/corpus/pdf are: the non-embedded CJK font
STSong-Light with the predefined CMap UniGB-UCS2-H (no ToUnicode map, as in the 烟台
documents), text placed by position, tables as cells at column positions, landscape table
pages stored as portrait pages with /Rotate 90 and the text drawn turned, page numbers as
footers. Standard library only; the output is byte-for-byte reproducible.

  python3 scripts/make_pdf.py scripts/pdf/jd20_native_pdf.page corpus/jd20_native_pdf.pdf
  python3 scripts/make_pdf.py --scan corpus/jd21_scanned.pdf   # pages without text

Page description, one directive or line of text per line:
  @page            a new A4 portrait page          @page rotate   a landscape page (/Rotate 90)
  @size N          font size of the lines after it @center        centre the next line
  @cols X1 LX2 ... where the cells after the first go: right-aligned at X, left at LX
  @footer          number the pages ("- N -") at the foot
  a | b | | c      a table row: a at the left margin, the others at their columns (empty: none)
  anything else    a line of prose, wrapped at the right margin (as PDFs wrap Chinese)
"""
import sys

W, H = 595, 842
MARGIN = 60


def width(s, size):
    return sum(0.5 if ord(c) < 128 else 1.0 for c in s) * size


def hexstr(s):
    return "<" + "".join("%04X" % ord(c) for c in s if ord(c) < 0x10000) + ">"


class Page:
    def __init__(self, rotate):
        self.rotate = rotate
        self.ops = []
        self.top = 70.0  # distance from the displayed page's top

    def dims(self):
        return (H, W) if self.rotate else (W, H)

    def show(self, s, x, top, size):
        """Text at display position x (from the left), baseline `top` below the top edge."""
        if self.rotate:
            # Display (x, top) on a page turned 90° clockwise: user x = top, user y = x,
            # the text running along +y.
            m = "0 1 -1 0 %.2f %.2f" % (top, x)
        else:
            m = "1 0 0 1 %.2f %.2f" % (x, H - top)
        self.ops.append("BT /F1 %.1f Tf %s Tm %s Tj ET" % (size, m, hexstr(s)))


def build(lines, scan=False):
    pages = []
    size, center, cols, footer = 10.5, False, [], False
    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("@page"):
            pages.append(Page("rotate" in line))
            continue
        if not pages:
            pages.append(Page(False))
        p = pages[-1]
        dw, _ = p.dims()
        if line.startswith("@size"):
            size = float(line.split()[1])
        elif line.startswith("@center"):
            center = True
        elif line.startswith("@cols"):
            cols = line.split()[1:]
        elif line.startswith("@footer"):
            footer = True
        elif "|" in line:
            cells = [c.strip() for c in line.split("|")]
            p.top += size * 1.6
            p.show(cells[0], MARGIN, p.top, size)
            for c, col in zip(cells[1:], cols):
                if not c:
                    continue
                if col.startswith("L"):
                    p.show(c, float(col[1:]), p.top, size)
                else:
                    p.show(c, float(col) - width(c, size), p.top, size)
        elif line.strip():
            rest = line
            while rest:
                n, take = 0, 0
                for ch in rest:
                    if width(rest[: take + 1], size) > dw - 2 * MARGIN:
                        break
                    take += 1
                part, rest = rest[:take], rest[take:]
                p.top += size * 1.6
                x = (dw - width(part, size)) / 2 if center else MARGIN
                p.show(part, x, p.top, size)
            center = False
        else:
            p.top += size
    if footer:
        for i, p in enumerate(pages):
            dw, dh = p.dims()
            s = "- %d -" % (i + 1)
            p.show(s, (dw - width(s, 9)) / 2, dh - 30, 9)
    if scan:
        # A scan: each page only a drawn frame, no text operator.
        for p in pages:
            p.ops = ["0.5 w 40 40 515 762 re S"]
    return pages


def write(pages, path):
    objs = []

    def add(body):
        objs.append(body)
        return len(objs)

    catalog = add(None)
    tree = add(None)
    cmap_font = add(
        "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        "/DescendantFonts [%d 0 R] >>" % (len(objs) + 3)
    )
    desc = add(
        "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
    )
    add(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
        "/FontDescriptor %d 0 R /DW 1000 /W [1 95 500 814 907 500] >>" % desc
    )
    kids = []
    for p in pages:
        content = "\n".join(p.ops).encode("ascii")
        c = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        rot = " /Rotate 90" if p.rotate else ""
        kids.append(
            add(
                "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d]%s /Contents %d 0 R "
                "/Resources << /Font << /F1 %d 0 R >> >> >>" % (tree, W, H, rot, c, cmap_font)
            )
        )
    objs[catalog - 1] = "<< /Type /Catalog /Pages %d 0 R >>" % tree
    objs[tree - 1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (
        " ".join("%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        if isinstance(body, str):
            body = body.encode("ascii")
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        catalog,
        xref,
    )
    with open(path, "wb") as f:
        f.write(out)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--scan":
        write(build(["@page", "@page"], scan=True), args[1])
        return
    src, dst = args
    with open(src, encoding="utf-8") as f:
        write(build(f.readlines()), dst)


if __name__ == "__main__":
    main()
