"""image_tools"""
