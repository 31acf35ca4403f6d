#!/usr/bin/env python3
"""Packs a root file system directory into a one-layer image tarball in `docker save` format,
which Jib takes as a base image (tar://...). Modes, owners and symbolic links are kept.
Usage: oci-base-from-rootfs.py ROOTFS OUT.tar"""
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile

rootfs, out = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    layer = os.path.join(tmp, "layer.tar")
    subprocess.run(["tar", "--numeric-owner", "-C", rootfs, "-cf", layer, "."], check=True)
    digest = hashlib.sha256()
    with open(layer, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    config = {
        "architecture": "amd64",
        "os": "linux",
        "config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + digest.hexdigest()]},
    }
    manifest = [{"Config": "config.json", "RepoTags": ["dhcp-harvester-base:local"], "Layers": ["layer.tar"]}]
    with tarfile.open(out, "w") as image:
        image.add(layer, arcname="layer.tar")
        for name, value in (("config.json", config), ("manifest.json", manifest)):
            data = json.dumps(value).encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            image.addfile(info, io.BytesIO(data))
