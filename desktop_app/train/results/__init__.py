"""train/results"""
