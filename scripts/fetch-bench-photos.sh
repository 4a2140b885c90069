#!/usr/bin/env bash
# Fetches the benchmark photo set: the JPEGs of at least 3 MP from three Debian wallpaper
# packages (26 photos, 243 MP, 1.8-24 MP each, some with camera EXIF), made baseline as camera
# files are. The same bytes every time: the packages are pinned by version and SHA-256, and the
# photos it writes are checked against scripts/bench-photos.sha256.
#
#   scripts/fetch-bench-photos.sh [DIR]          default DIR: .imagestore/bench-photos
#   bin/imagestore bench kernel --photos DIR
#   bin/imagestore bench pipeline --photos DIR
#
# Needs apt-get and dpkg-deb (any Debian or Ubuntu machine); no root: packages are downloaded
# and unpacked, not installed. jpegtran comes from libjpeg-turbo-progs, unpacked the same way
# when it is not installed. Licences: CC0, CC-BY, CC-BY-SA and GPL-2+, each package's
# usr/share/doc/<package>/copyright (kept in DIR/licences/).
set -euo pipefail
# One order and one glob expansion everywhere, so SHA256SUMS compares line by line.
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(realpath -m "${1:-.imagestore/bench-photos}")
manifest="$root/scripts/bench-photos.sha256"
min_pixels=3000000

# package=version  sha256 of the .deb (architecture "all": the same file on every machine)
packages=(
  "lomiri-wallpapers-16.04=20.04.0-2 a99ff6a3bfe451e4cc0682ecb3cc82e71740626d59e4845ae34a0a0e45421eab"
  "lomiri-wallpapers-20.04=20.04.0-2 d44e89b8473aafe64a5b678f014862dc31335aaaf18665c544d985d854f1a709"
  "mate-backgrounds=1.26.0-1 7bf4c2209f34b4f61ba6d24c8b58c28b361e82e4b943aae6d42c030169af9e04"
)
jpeg_tools="libjpeg-turbo-progs=1:2.1.5-2"

die() { printf 'fetch-bench-photos: %s\n' "$*" >&2; exit 1; }
for tool in apt-get dpkg-deb sha256sum; do
  command -v "$tool" >/dev/null || die "$tool not found: this script needs a Debian or Ubuntu machine"
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debs" "$work/tree" "$work/tools"

echo "fetch-bench-photos: downloading ${#packages[@]} packages (74 MB) …" >&2
for entry in "${packages[@]}"; do
  spec=${entry%% *}
  (cd "$work/debs" && apt-get download -q "$spec" >/dev/null 2>&1) \
    || die "apt-get download $spec failed (run apt-get update; an archived version is on https://snapshot.debian.org/)"
done
for entry in "${packages[@]}"; do
  spec=${entry%% *}
  want=${entry##* }
  deb=$(ls "$work/debs/${spec%%=*}"_*.deb)
  got=$(sha256sum "$deb" | cut -d' ' -f1)
  [ "$got" = "$want" ] || die "$(basename "$deb"): SHA-256 $got, expected $want"
  dpkg-deb -x "$deb" "$work/tree"
done

jpegtran=$(command -v jpegtran || true)
rdjpgcom=$(command -v rdjpgcom || true)
if [ -z "$jpegtran" ] || [ -z "$rdjpgcom" ]; then
  (cd "$work/debs" && apt-get download -q "$jpeg_tools" >/dev/null 2>&1) \
    || die "jpegtran not installed and apt-get download $jpeg_tools failed (apt-get install libjpeg-turbo-progs)"
  dpkg-deb -x "$work/debs"/libjpeg-turbo-progs_*.deb "$work/tools"
  jpegtran="$work/tools/usr/bin/jpegtran"
  rdjpgcom="$work/tools/usr/bin/rdjpgcom"
fi

mkdir -p "$out/licences"
rm -f "$out"/*.jpg
count=0
while IFS= read -r -d '' photo; do
  # "JPEG image is 4352w * 2448h, 3 color components, 8 bits per sample"
  size=$("$rdjpgcom" -verbose "$photo" | sed -n 's/^JPEG image is \([0-9]*\)w \* \([0-9]*\)h.*/\1 \2/p')
  read -r w h <<<"$size"
  [ $((w * h)) -ge $min_pixels ] || continue
  # Lossless: the same DCT coefficients, one baseline scan, EXIF and ICC kept.
  "$jpegtran" -copy all -optimize -outfile "$out/$(basename "$photo")" "$photo"
  count=$((count + 1))
done < <(find "$work/tree/usr/share/backgrounds" -type f -iname '*.jpg' -print0 | sort -z)
for entry in "${packages[@]}"; do
  name=${entry%%=*}
  cp "$work/tree/usr/share/doc/$name/copyright" "$out/licences/$name.copyright"
done

(cd "$out" && sha256sum -- *.jpg) >"$out/SHA256SUMS"
if diff -q "$manifest" "$out/SHA256SUMS" >/dev/null; then
  echo "fetch-bench-photos: $count photos in $out, identical to $(basename "$manifest")" >&2
else
  # Same packages, so only jpegtran can differ: another libjpeg build may order Huffman tables
  # differently. The pixels are the same; the figures are comparable, the files not byte-equal.
  diff "$manifest" "$out/SHA256SUMS" >&2 || true
  echo "fetch-bench-photos: $count photos in $out, but they differ from $(basename "$manifest")" \
    "($("$jpegtran" -version 2>&1 | head -1)); the reference list was made with libjpeg-turbo 2.1.5" >&2
  exit 3
fi
